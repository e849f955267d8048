package outpost.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.protocol.FrameCodec;
import outpost.protocol.Message;
import outpost.protocol.ProtocolException;
import outpost.protocol.Reply;
import outpost.protocol.ReplyStatus;
import outpost.protocol.Request;
import outpost.transport.Connection;
import outpost.transport.Listener;
import outpost.transport.MessageHandler;

class SocketTransportTest {

    private final SocketTransport transport = new SocketTransport();
    private final BlockingQueue<Object> serverEvents = new LinkedBlockingQueue<>();
    private Listener listener;

    @BeforeEach
    void listen() throws IOException {
        // An echo server: replies to each request with its command, and records what happens.
        listener = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connection -> new MessageHandler() {
            @Override
            public void received(Connection from, Message message) {
                serverEvents.add(message);
                Request request = (Request) message;
                try {
                    from.send(new Reply(request.id(), ReplyStatus.OK, request.command()));
                } catch (IOException e) {
                    serverEvents.add(e);
                }
            }

            @Override
            public void closed(Connection from, Throwable cause) {
                serverEvents.add(cause == null ? "closed cleanly" : cause);
            }
        });
    }

    @AfterEach
    void close() {
        listener.close();
        transport.deactivate();
    }

    @Test
    void framedMessagesTravelBothWays() throws Exception {
        BlockingQueue<Object> clientEvents = new LinkedBlockingQueue<>();
        Connection client = transport.connect("127.0.0.1", listener.localAddress().getPort(), Duration.ofSeconds(5),
                recordingHandler(clientEvents));
        client.send(new Request(1, "first"));
        client.send(new Request(2, "x".repeat(200_000)));
        assertEquals(new Reply(1, ReplyStatus.OK, "first"), poll(clientEvents));
        assertEquals(200_000, ((Reply) poll(clientEvents)).body().length());
        client.close();
        assertEquals("closed cleanly", pollUntil(serverEvents, String.class));
        assertEquals("closed cleanly", poll(clientEvents));
    }

    @Test
    void anOversizedLengthClosesTheConnectionWithAReasonAndOthersKeepWorking() throws Exception {
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            new DataOutputStream(raw.getOutputStream()).writeInt(FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES + 1);
            ProtocolException cause = pollUntil(serverEvents, ProtocolException.class);
            assertTrue(cause.getMessage().contains("exceeds the maximum"), cause.getMessage());
            assertEquals(-1, raw.getInputStream().read(), "the server closes the connection");
        }
        BlockingQueue<Object> clientEvents = new LinkedBlockingQueue<>();
        Connection healthy = transport.connect("127.0.0.1", listener.localAddress().getPort(), Duration.ofSeconds(5),
                recordingHandler(clientEvents));
        healthy.send(new Request(5, "still here"));
        assertEquals(new Reply(5, ReplyStatus.OK, "still here"), poll(clientEvents));
        healthy.close();
    }

    @Test
    void aPeerVanishingMidFrameIsReportedAsAnError() throws Exception {
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(100);
            out.write(new byte[10]);
            out.flush();
        }
        assertTrue(pollUntil(serverEvents, IOException.class) instanceof java.io.EOFException);
    }

    @Test
    void connectingToAClosedPortFailsWithConnectException() throws Exception {
        int port = listener.localAddress().getPort();
        listener.close();
        assertThrows(ConnectException.class,
                () -> transport.connect("127.0.0.1", port, Duration.ofSeconds(5), recordingHandler(new LinkedBlockingQueue<>())));
    }

    @Test
    void listeningOnABusyPortSaysWhichAddress() {
        int port = listener.localAddress().getPort();
        IOException error = assertThrows(IOException.class,
                () -> transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), c -> null));
        assertTrue(error.getMessage().startsWith("cannot listen on 127.0.0.1:" + port), error.getMessage());
    }

    private static MessageHandler recordingHandler(BlockingQueue<Object> events) {
        return new MessageHandler() {
            @Override
            public void received(Connection from, Message message) {
                events.add(message);
            }

            @Override
            public void closed(Connection from, Throwable cause) {
                events.add(cause == null ? "closed cleanly" : cause);
            }
        };
    }

    private static Object poll(BlockingQueue<Object> events) throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "nothing happened within 10 s");
        return event;
    }

    private static <T> T pollUntil(BlockingQueue<Object> events, Class<T> type) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            Object event = poll(events);
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " among the first 10 events");
    }
}
