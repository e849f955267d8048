package outpost.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.transport.Connection;
import outpost.transport.Limits;
import outpost.transport.Listener;
import outpost.transport.ListenerSettings;
import outpost.transport.MessageHandler;
import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;
import outpost.transport.Transport;

/** The probe of the registry service, over the real transport on loopback: what is learnt before any token. */
class AgentConnectionsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final BundleContext context = FrameworkUtil.getBundle(AgentConnectionsIT.class).getBundleContext();
    private ServiceTracker<AgentConnections, AgentConnections> connectionsTracker;
    private ServiceTracker<Transport, Transport> transportTracker;
    private AgentConnections connections;
    private Transport transport;

    @BeforeEach
    void services() throws InterruptedException {
        connectionsTracker = new ServiceTracker<>(context, AgentConnections.class, null);
        transportTracker = new ServiceTracker<>(context, Transport.class, null);
        connectionsTracker.open();
        transportTracker.open();
        connections = connectionsTracker.waitForService(10_000);
        transport = transportTracker.waitForService(10_000);
        assertNotNull(connections, "AgentConnections service not available");
        assertNotNull(transport, "Transport service not available");
    }

    @AfterEach
    void close() {
        connectionsTracker.close();
        transportTracker.close();
    }

    @Test
    void anAgentThatGreetsIsReachableWithItsFingerprint() throws Exception {
        TlsIdentity identity = TlsIdentities.generate("probe-test");
        try (Listener listener = transport.listen(new ListenerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.of(identity), Limits.DEFAULT, 4), connection -> greet(connection))) {
            Reachability reached = connections.probe("127.0.0.1", listener.localAddress().getPort(), true, TIMEOUT);
            assertTrue(reached.reachable(), String.valueOf(reached.reason()));
            assertEquals(identity.fingerprint(), reached.fingerprint());
        }
    }

    @Test
    void aPortWhereNothingListensIsRefused() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        Reachability reached = connections.probe("127.0.0.1", freePort, true, TIMEOUT);
        assertFalse(reached.reachable());
        assertTrue(reached.reason().startsWith("Connection refused by 127.0.0.1:" + freePort), reached.reason());
    }

    @Test
    void aNameThatDoesNotResolveIsAnUnknownHost() {
        Reachability reached = connections.probe("nothing-here.invalid", 5005, true, TIMEOUT);
        assertFalse(reached.reachable());
        assertTrue(reached.reason().startsWith("Unknown host 'nothing-here.invalid'"), reached.reason());
    }

    private static MessageHandler greet(Connection connection) {
        try {
            connection.send(Hello.current("0.1.0", "probe-test", List.of()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new MessageHandler() {
            @Override
            public void received(Connection from, Message message) {
            }

            @Override
            public void closed(Connection from, Throwable cause) {
            }
        };
    }
}
