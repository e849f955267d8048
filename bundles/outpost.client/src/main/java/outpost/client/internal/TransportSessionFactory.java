package outpost.client.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.client.AgentSession;
import outpost.client.SessionFactory;
import outpost.transport.Transport;

/** Sessions over the {@link Transport} service. */
@Component(service = SessionFactory.class)
public final class TransportSessionFactory implements SessionFactory {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Transport transport;

    @Activate
    public TransportSessionFactory(@Reference Transport transport) {
        this.transport = transport;
    }

    @Override
    public AgentSession create(String host, int port) {
        return new TransportAgentSession(transport, host, port, CONNECT_TIMEOUT);
    }
}
