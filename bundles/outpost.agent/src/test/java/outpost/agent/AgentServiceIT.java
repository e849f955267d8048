package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Reply;
import outpost.protocol.ReplyStatus;
import outpost.protocol.Request;
import outpost.transport.Connection;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;

/** The agent as Declarative Services wires it in a real OSGi framework, over real loopback TCP. */
class AgentServiceIT {

    private Agent agent;
    private Transport transport;
    private Connection connection;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void startAgent() throws Exception {
        agent = service(Agent.class);
        transport = service(Transport.class);
        InetSocketAddress address = agent.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        connection = transport.connect("127.0.0.1", address.getPort(), Duration.ofSeconds(5), new MessageHandler() {
            @Override
            public void received(Connection from, Message message) {
                received.add(message);
            }

            @Override
            public void closed(Connection from, Throwable cause) {
            }
        });
    }

    @AfterEach
    void stopAgent() {
        connection.close();
        agent.stop();
    }

    @Test
    void greetsWithTheCurrentProtocolVersionAndHostName() throws Exception {
        Hello hello = assertInstanceOf(Hello.class, next());
        assertTrue(hello.isCompatible());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), hello.hostName());
    }

    @Test
    void answersTheSkeletonCommandsThroughDeclarativeServices() throws Exception {
        next(); // hello
        String[] commands = { "cpu", "ram", "os", "name" };
        for (int i = 0; i < commands.length; i++) {
            connection.send(new Request(i + 1, commands[i]));
        }
        for (int i = 0; i < commands.length; i++) {
            Reply reply = assertInstanceOf(Reply.class, next());
            assertEquals(ReplyStatus.OK, reply.status(), reply.body());
            assertTrue(reply.id() >= 1 && reply.id() <= commands.length);
        }
        connection.send(new Request(9, "help"));
        String help = assertInstanceOf(Reply.class, next()).body();
        for (String command : commands) {
            assertTrue(help.contains("  " + command + " "), help);
        }
    }

    @Test
    void listensOnlyWhereItWasTold() {
        InetSocketAddress address = agent.address().orElseThrow();
        assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
    }

    private Message next() throws InterruptedException {
        Message message = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "no message from the agent within 10 s");
        return message;
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(AgentServiceIT.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        assertNotNull(service, type.getSimpleName() + " service not available");
        return service;
    }
}
