package outpost.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import outpost.client.SessionStatus;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.ProtocolVersion;
import outpost.protocol.Reply;
import outpost.protocol.ReplyStatus;
import outpost.protocol.Request;
import outpost.transport.Connection;
import outpost.transport.ConnectionAcceptor;
import outpost.transport.Listener;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;

/** The session's logic against a scripted in-memory agent. */
class TransportAgentSessionTest {

    private final ScriptedTransport transport = new ScriptedTransport();
    private final List<String> statusLog = new CopyOnWriteArrayList<>();

    private TransportAgentSession session() {
        TransportAgentSession session = new TransportAgentSession(transport, "web-01", 5005, Duration.ofMillis(500));
        session.addListener((s, status, reason) -> statusLog.add(status + (reason == null ? "" : ": " + reason)));
        return session;
    }

    @Test
    void connectsOnceTheAgentGreetsAndMatchesRepliesById() throws Exception {
        transport.greeting = Hello.current("1.0", "web-01");
        TransportAgentSession session = session();
        session.connect();
        assertEquals(SessionStatus.CONNECTED, session.status());
        assertEquals("web-01", session.hello().orElseThrow().hostName());

        CompletableFuture<Reply> cpu = session.send("cpu");
        CompletableFuture<Reply> ram = session.send("ram");
        List<Request> sent = transport.connection.sent;
        assertEquals(List.of("cpu", "ram"), sent.stream().map(Request::command).toList());
        // replies may arrive in any order
        transport.connection.deliver(new Reply(sent.get(1).id(), ReplyStatus.OK, "RAM: 1 GiB"));
        transport.connection.deliver(new Reply(sent.get(0).id(), ReplyStatus.OK, "CPU: 3 %"));
        assertEquals("CPU: 3 %", cpu.get(1, TimeUnit.SECONDS).body());
        assertEquals("RAM: 1 GiB", ram.get(1, TimeUnit.SECONDS).body());
        assertEquals(List.of("CONNECTING", "CONNECTED"), statusLog);
    }

    @Test
    void refusedConnectionExplainsAndStaysDisconnected() {
        transport.connectError = new ConnectException("Connection refused");
        TransportAgentSession session = session();
        IOException error = assertThrows(IOException.class, session::connect);
        assertEquals("Connection refused by web-01:5005: no Outpost agent is listening there.", error.getMessage());
        assertEquals(SessionStatus.DISCONNECTED, session.status());
        assertThrows(IllegalStateException.class, () -> session.send("cpu"));
    }

    @Test
    void incompatibleMajorVersionIsRefusedWithBothVersions() {
        transport.greeting = new Hello(ProtocolVersion.MAJOR + 1, 0, "9.0", "web-01");
        TransportAgentSession session = session();
        IOException error = assertThrows(IOException.class, session::connect);
        assertTrue(error.getMessage().contains("speaks protocol " + (ProtocolVersion.MAJOR + 1) + ".0"), error.getMessage());
        assertTrue(error.getMessage().contains("this client speaks " + ProtocolVersion.text()), error.getMessage());
        assertEquals(SessionStatus.DISCONNECTED, session.status());
        assertTrue(transport.connection.closed, "the connection is closed");
    }

    @Test
    void silentPeerTimesOutWithAClearMessage() {
        transport.greeting = null;
        IOException error = assertThrows(IOException.class, session()::connect);
        assertTrue(error.getMessage().contains("sent no Outpost greeting"), error.getMessage());
    }

    @Test
    void aConnectionThatDiesBeforeTheGreetingFailsAtOnceWithTheCause() {
        transport.greeting = null;
        transport.dieDuringConnect = new IOException("Connection reset");
        TransportAgentSession session = session();
        IOException error = assertThrows(IOException.class, session::connect);
        // not "sent no greeting": the session did not sit out the greeting timeout
        assertTrue(error.getMessage().contains("ended during the greeting"), error.getMessage());
        assertTrue(error.getMessage().contains("Connection reset"), error.getMessage());
        assertEquals(SessionStatus.DISCONNECTED, session.status());
    }

    @Test
    void lostConnectionFailsPendingRequestsAndReportsWhy() throws Exception {
        transport.greeting = Hello.current("1.0", "web-01");
        TransportAgentSession session = session();
        session.connect();
        CompletableFuture<Reply> pending = session.send("cpu");
        transport.connection.vanish(new IOException("Connection reset"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.get(1, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("Lost the connection to web-01:5005"), failure.getMessage());
        assertEquals(SessionStatus.DISCONNECTED, session.status());
        assertEquals("DISCONNECTED: Lost the connection to web-01:5005: Connection reset", statusLog.get(statusLog.size() - 1));
        assertThrows(IllegalStateException.class, () -> session.send("cpu"));
    }

    @Test
    void closingIsCleanAndIdempotent() throws Exception {
        transport.greeting = Hello.current("1.0", "web-01");
        TransportAgentSession session = session();
        session.connect();
        session.close();
        session.close();
        assertTrue(transport.connection.closed);
        assertEquals(List.of("CONNECTING", "CONNECTED", "DISCONNECTED"), statusLog);
    }

    /** Hands out one scripted connection that greets (or not) as told. */
    private static final class ScriptedTransport implements Transport {
        Hello greeting;
        IOException connectError;
        IOException dieDuringConnect;
        ScriptedConnection connection;

        @Override
        public Listener listen(InetSocketAddress address, ConnectionAcceptor acceptor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Connection connect(String host, int port, Duration timeout, MessageHandler handler) throws IOException {
            if (connectError != null) {
                throw connectError;
            }
            connection = new ScriptedConnection(handler);
            if (greeting != null) {
                connection.deliver(greeting);
            }
            if (dieDuringConnect != null) {
                connection.vanish(dieDuringConnect);
            }
            return connection;
        }
    }

    private static final class ScriptedConnection implements Connection {
        final MessageHandler handler;
        final List<Request> sent = new ArrayList<>();
        volatile boolean closed;

        ScriptedConnection(MessageHandler handler) {
            this.handler = handler;
        }

        void deliver(Message message) {
            handler.received(this, message);
        }

        void vanish(IOException cause) {
            closed = true;
            handler.closed(this, cause);
        }

        @Override
        public void send(Message message) {
            sent.add((Request) message);
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return InetSocketAddress.createUnresolved("web-01", 5005);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                handler.closed(this, null);
            }
        }
    }
}
