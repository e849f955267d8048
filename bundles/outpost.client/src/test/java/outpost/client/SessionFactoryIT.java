package outpost.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The session factory as Declarative Services wires it onto the transport service. */
class SessionFactoryIT {

    @Test
    void factoryIsWiredAndReportsARefusedConnection() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(SessionFactoryIT.class).getBundleContext();
        ServiceTracker<SessionFactory, SessionFactory> tracker = new ServiceTracker<>(context, SessionFactory.class, null);
        tracker.open();
        try {
            SessionFactory factory = tracker.waitForService(10_000);
            assertNotNull(factory, "SessionFactory service not available");
            int freePort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                freePort = probe.getLocalPort();
            }
            AgentSession session = factory.create(SessionSettings.of("127.0.0.1", freePort, "token",
                    java.nio.file.Files.createTempDirectory("known").resolve("known_agents")));
            IOException error = assertThrows(IOException.class, session::connect);
            assertTrue(error.getMessage().startsWith("Connection refused by 127.0.0.1:" + freePort), error.getMessage());
            assertEquals(SessionStatus.DISCONNECTED, session.status());
        } finally {
            tracker.close();
        }
    }
}
