package outpost.client.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.client.AgentRoute;
import outpost.client.AgentSession;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.transport.Transport;

/** Sessions over the {@link Transport} service. */
@Component(service = SessionFactory.class)
public final class TransportSessionFactory implements SessionFactory {

    private final Transport transport;

    @Activate
    public TransportSessionFactory(@Reference Transport transport) {
        this.transport = transport;
    }

    @Override
    public AgentSession create(SessionSettings settings) {
        return new TransportAgentSession(transport, settings);
    }

    @Override
    public AgentSession create(SessionSettings settings, AgentRoute route) {
        return new TransportAgentSession(route, settings);
    }
}
