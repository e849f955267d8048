package outpost.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.FrameCodec;
import outpost.protocol.Message;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.ProtocolException;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.testing.Conditions;
import outpost.transport.CertificateCheck;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Fingerprints;
import outpost.transport.Limits;
import outpost.transport.Listener;
import outpost.transport.ListenerSettings;
import outpost.transport.MessageHandler;
import outpost.transport.TlsEngine;
import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;

/** The Netty transport over real loopback sockets: TLS with pinning, keepalive, limits. */
class NettyTransportTest {

    private static TlsIdentity identity;
    private static TlsIdentity otherIdentity;

    private final NettyTransport transport = new NettyTransport();
    private final BlockingQueue<Object> serverEvents = new LinkedBlockingQueue<>();
    private Listener listener;

    @BeforeAll
    static void createIdentities() throws IOException {
        identity = TlsIdentities.generate("agent-under-test");
        otherIdentity = TlsIdentities.generate("impostor");
    }

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
        transport.deactivate();
    }

    /** An echo server: answers each request with its command as output and a result. */
    private void listen(Optional<TlsIdentity> tls, Limits limits, int maxConnections) throws IOException {
        listen(tls, limits, maxConnections, TlsEngine.AUTO);
    }

    private void listen(Optional<TlsIdentity> tls, Limits limits, int maxConnections, TlsEngine engine) throws IOException {
        listener = transport.listen(new ListenerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tls,
                limits, maxConnections, engine), connection -> new MessageHandler() {
                    @Override
                    public void received(Connection from, Message message) {
                        serverEvents.add(message);
                        if (message instanceof Request request) {
                            try {
                                from.send(new Output(request.id(), OutputKind.STDOUT, request.command()));
                                from.send(Result.ok(request.id(), 0));
                            } catch (IOException e) {
                                serverEvents.add(e);
                            }
                        }
                    }

                    @Override
                    public void closed(Connection from, Throwable cause) {
                        serverEvents.add(cause == null ? "closed cleanly" : cause);
                    }
                });
    }

    private Connection connect(Optional<CertificateCheck> check, Limits limits, BlockingQueue<Object> events) throws IOException {
        return transport.connect(new ConnectSettings("127.0.0.1", listener.localAddress().getPort(), Duration.ofSeconds(5),
                check, limits), recorder(events));
    }

    private static CertificateCheck pinned(TlsIdentity expected) {
        return (host, port, certificate) -> {
            if (!Fingerprints.sha256(certificate).equals(expected.fingerprint())) {
                throw new CertificateException("fingerprint changed: " + Fingerprints.sha256(certificate));
            }
        };
    }

    @Test
    void tlsConnectionsCarryFramesBothWaysAndExposeThePinnedCertificate() throws Exception {
        listen(Optional.of(identity), Limits.DEFAULT, 16);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection client = connect(Optional.of(pinned(identity)), Limits.DEFAULT, events);
        assertEquals(identity.fingerprint(), Fingerprints.sha256(client.peerCertificate().orElseThrow()));
        client.send(new Request(1, "first"));
        client.send(new Request(2, "x".repeat(500_000)));
        assertEquals(new Output(1, OutputKind.STDOUT, "first"), poll(events));
        assertEquals(Result.ok(1, 0), poll(events));
        assertEquals(500_000, ((Output) poll(events)).text().length());
        client.close();
        assertEquals("closed cleanly", pollUntil(serverEvents, String.class));
    }

    @Test
    void aRoundTripIsMeasuredByPingAndPongWithoutTheServersHandlerAndFailsOnceClosed() throws Exception {
        listen(Optional.of(identity), Limits.DEFAULT, 16);
        Connection client = connect(Optional.of(pinned(identity)), Limits.DEFAULT, new LinkedBlockingQueue<>());
        for (int i = 0; i < 3; i++) {
            Duration measured = client.roundTrip().get(5, TimeUnit.SECONDS);
            assertTrue(!measured.isNegative() && !measured.isZero(), "a measured time: " + measured);
        }
        assertTrue(serverEvents.isEmpty(), "PING and PONG never reach the handler: " + serverEvents);
        client.close();
        ExecutionException afterClose = assertThrows(ExecutionException.class, () -> client.roundTrip().get(5, TimeUnit.SECONDS));
        assertTrue(afterClose.getCause() instanceof IOException, String.valueOf(afterClose.getCause()));
    }

    @Test
    void aChangedCertificateIsRefusedWithTheChecksExplanation() throws Exception {
        listen(Optional.of(otherIdentity), Limits.DEFAULT, 16);
        SSLHandshakeException error = assertThrows(SSLHandshakeException.class,
                () -> connect(Optional.of(pinned(identity)), Limits.DEFAULT, new LinkedBlockingQueue<>()));
        assertTrue(error.getMessage().startsWith("fingerprint changed: SHA256:"), error.getMessage());
    }

    /** One request and its answer: by then the agent's session ticket (sent after the handshake) has arrived too. */
    private static void roundTrip(Connection client, BlockingQueue<Object> events) throws Exception {
        client.send(new Request(1, "ping"));
        assertEquals(new Output(1, OutputKind.STDOUT, "ping"), poll(events));
        assertEquals(Result.ok(1, 0), poll(events));
    }

    @Test
    void aReconnectResumesTheTlsSessionAndTheCheckStillRunsForIt() throws Exception {
        listen(Optional.of(identity), Limits.DEFAULT, 16);
        List<String> checked = new CopyOnWriteArrayList<>();
        CertificateCheck recording = (host, port, certificate) -> {
            pinned(identity).check(host, port, certificate);
            checked.add(host + ":" + port + " " + Fingerprints.sha256(certificate));
        };
        String expected = "127.0.0.1:" + listener.localAddress().getPort() + " " + identity.fingerprint();
        for (int i = 0; i < 3; i++) {
            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            Connection client = connect(Optional.of(recording), Limits.DEFAULT, events);
            assertEquals(identity.fingerprint(), Fingerprints.sha256(client.peerCertificate().orElseThrow()));
            roundTrip(client, events);
            client.close();
        }
        assertEquals(List.of(expected, expected, expected), checked);
        assertEquals(2, transport.resumedTlsSessions(), "the second and third connections resume the first's session");
    }

    @Test
    void aResumedSessionIsRefusedWhenThePinNoLongerMatches() throws Exception {
        listen(Optional.of(identity), Limits.DEFAULT, 16);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection client = connect(Optional.of(pinned(identity)), Limits.DEFAULT, events);
        roundTrip(client, events);
        client.close();
        SSLHandshakeException error = assertThrows(SSLHandshakeException.class,
                () -> connect(Optional.of(pinned(otherIdentity)), Limits.DEFAULT, new LinkedBlockingQueue<>()));
        assertTrue(error.getMessage().startsWith("fingerprint changed: SHA256:"), error.getMessage());
        assertEquals(1, transport.resumedTlsSessions(), "the refused connection was a resumed one");
        assertEquals("closed cleanly", pollUntil(serverEvents, String.class));
    }

    @Test
    void concurrentConnectionsToDifferentAgentsEachHearTheirOwnCheck() throws Exception {
        listen(Optional.of(identity), Limits.DEFAULT, 64);
        Listener impostor = transport.listen(new ListenerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.of(otherIdentity), Limits.DEFAULT, 64), connection -> recorder(new LinkedBlockingQueue<>()));
        try {
            int good = listener.localAddress().getPort();
            int bad = impostor.localAddress().getPort();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    int port = i % 2 == 0 ? good : bad;
                    outcomes.add(pool.submit(() -> {
                        try (Connection client = transport.connect(new ConnectSettings("127.0.0.1", port, Duration.ofSeconds(10),
                                Optional.of((host, checkedPort, certificate) -> {
                                    assertEquals(port, checkedPort);
                                    pinned(identity).check(host, checkedPort, certificate);
                                }), Limits.DEFAULT), recorder(new LinkedBlockingQueue<>()))) {
                            return "connected to " + client.remoteAddress().getPort();
                        } catch (SSLHandshakeException refused) {
                            return "refused " + port + ": " + (refused.getMessage().startsWith("fingerprint changed: SHA256:")
                                    ? "fingerprint changed" : refused.getMessage());
                        }
                    }));
                }
                for (int i = 0; i < outcomes.size(); i++) {
                    String expected = i % 2 == 0 ? "connected to " + good : "refused " + bad + ": fingerprint changed";
                    assertEquals(expected, outcomes.get(i).get(30, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            impostor.close();
        }
    }

    @Test
    void theJsseListenerSpeaksTls13WithTheAesGcmSuitesOnlyAndPresentsItsOwnCertificate() throws Exception {
        listen(Optional.of(identity), Limits.DEFAULT, 16, TlsEngine.JDK);
        try (SSLSocket socket = jsseClient("TLSv1.3", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")) {
            socket.startHandshake();
            SSLSession session = socket.getSession();
            assertEquals("TLSv1.3", session.getProtocol());
            assertEquals("TLS_AES_128_GCM_SHA256", session.getCipherSuite(), "the listener's order wins");
            assertEquals(identity.fingerprint(), Fingerprints.sha256((X509Certificate) session.getPeerCertificates()[0]));
        }
        try (SSLSocket chacha = jsseClient("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256")) {
            assertThrows(SSLHandshakeException.class, chacha::startHandshake);
        }
        try (SSLSocket tls12 = jsseClient("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
            assertThrows(SSLException.class, tls12::startHandshake);
        }
    }

    @Test
    void theNativeListenerSpeaksTls13OnlyAndPresentsItsOwnCertificate() throws Exception {
        listen(Optional.of(identity), Limits.DEFAULT, 16, TlsEngine.OPENSSL);
        try (SSLSocket socket = jsseClient("TLSv1.3", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")) {
            socket.startHandshake();
            SSLSession session = socket.getSession();
            assertEquals("TLSv1.3", session.getProtocol());
            // BoringSSL follows the client's order among its TLS 1.3 suites (they cannot be narrowed)
            assertEquals("TLS_AES_256_GCM_SHA384", session.getCipherSuite());
            assertEquals(identity.fingerprint(), Fingerprints.sha256((X509Certificate) session.getPeerCertificates()[0]));
        }
        try (SSLSocket tls12 = jsseClient("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
            assertThrows(SSLException.class, tls12::startHandshake);
        }
    }

    /** A plain JSSE client that trusts the listener's certificate only. */
    private SSLSocket jsseClient(String protocol, String... suites) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("agent", identity.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                listener.localAddress().getPort());
        socket.setSoTimeout(5_000);
        socket.setEnabledProtocols(new String[] { protocol });
        socket.setEnabledCipherSuites(suites);
        return socket;
    }

    @Test
    void plainTcpWorksWhereConfigured() throws Exception {
        listen(Optional.empty(), Limits.DEFAULT, 16);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection client = connect(Optional.empty(), Limits.DEFAULT, events);
        assertTrue(client.peerCertificate().isEmpty());
        client.send(new Request(3, "plain"));
        assertEquals(new Output(3, OutputKind.STDOUT, "plain"), poll(events));
        client.close();
    }

    @Test
    void keepalivesHoldAQuietConnectionWhileASilentPeerIsDroppedAsIdle() throws Exception {
        Limits fast = Limits.DEFAULT.withIdleTimeout(Duration.ofMillis(600), Duration.ofMillis(150));
        listen(Optional.empty(), fast, 16);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection quiet = connect(Optional.empty(), fast, events);
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            silent.setSoTimeout(10_000);
            ErrorReport report = readFatalReport(silent);
            assertEquals(ErrorCode.IDLE_TIMEOUT, report.code());
            // docs/PROTOCOL.md: the address as ADDRESS:PORT, IPv6 in brackets
            assertEquals("nothing heard from 127.0.0.1:" + silent.getLocalPort()
                    + " within the idle timeout: the peer is gone or the network is down", report.message());
        }
        assertTrue(quiet.isOpen(), "pings kept the quiet connection alive past the idle timeout");
        quiet.send(new Request(4, "still here"));
        assertEquals(new Output(4, OutputKind.STDOUT, "still here"), poll(events));
        quiet.close();
    }

    @Test
    void anOversizedFrameGetsFrameTooLargeAndOtherConnectionsKeepWorking() throws Exception {
        listen(Optional.empty(), Limits.DEFAULT, 16);
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            new DataOutputStream(raw.getOutputStream()).writeInt(FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES + 1);
            assertEquals(ErrorCode.FRAME_TOO_LARGE, readFatalReport(raw).code());
            assertEquals(-1, raw.getInputStream().read(), "then the server closes");
        }
        ProtocolException cause = pollUntil(serverEvents, ProtocolException.class);
        assertEquals(ErrorCode.FRAME_TOO_LARGE, cause.code());
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection healthy = connect(Optional.empty(), Limits.DEFAULT, events);
        healthy.send(new Request(5, "fine"));
        assertEquals(new Output(5, OutputKind.STDOUT, "fine"), poll(events));
        healthy.close();
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedPolitely() throws Exception {
        listen(Optional.empty(), Limits.DEFAULT, 2);
        Connection first = connect(Optional.empty(), Limits.DEFAULT, new LinkedBlockingQueue<>());
        Connection second = connect(Optional.empty(), Limits.DEFAULT, new LinkedBlockingQueue<>());
        // the server counts a connection when it accepts it, which may lag the client's connect
        Conditions.waitUntil("the listener counts both connections", () -> listener.connectionCount() == 2);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        connect(Optional.empty(), Limits.DEFAULT, events);
        Object closed = pollUntil(events, outpost.transport.PeerError.class);
        assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, ((outpost.transport.PeerError) closed).report().code());
        assertTrue(first.isOpen() && second.isOpen());
        first.close();
        second.close();
    }

    static final Limits SMALL_QUEUES = new Limits(64 * 1024, Duration.ofSeconds(15), Duration.ofSeconds(5), 256 * 1024);

    /** Listens with small queues and connects a socket that reads nothing; the agent's end arrives in {@code accepted}. */
    private Socket stalledPeer(BlockingQueue<Connection> accepted) throws IOException {
        listener = transport.listen(new ListenerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.empty(), SMALL_QUEUES, 4), connection -> {
                    accepted.add(connection);
                    return recorder(serverEvents);
                });
        Socket stalled = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort());
        stalled.setReceiveBufferSize(4096);
        return stalled;
    }

    @Test
    void aPeerThatDoesNotReadIsCutOffInsteadOfBufferedWithoutBound() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        try (Socket stalled = stalledPeer(accepted)) {
            Connection toStalled = accepted.poll(10, TimeUnit.SECONDS);
            assertNotNull(toStalled);
            String chunk = "y".repeat(32 * 1024);
            IOException refused = null;
            for (int i = 0; i < 10_000 && refused == null; i++) {
                try {
                    toStalled.send(new Output(1, OutputKind.STDOUT, chunk));
                } catch (IOException e) {
                    refused = e;
                }
            }
            assertNotNull(refused, "sending must stop once the queue is full");
            ProtocolException cause = pollUntil(serverEvents, ProtocolException.class);
            assertEquals(ErrorCode.SLOW_READER, cause.code());
        }
    }

    @Test
    void socketConnectionsNameTheirPeerByAddressAndPort() throws Exception {
        assertPeersNamed(InetAddress.getByName("127.0.0.1"), "127.0.0.1");
    }

    @Test
    void anIpv6PeerIsNamedInBrackets() throws Exception {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, ipv6Loopback)) {
            // IPv6 loopback is there
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
        }
        assertPeersNamed(ipv6Loopback, "[::1]");
    }

    private void assertPeersNamed(InetAddress loopback, String shown) throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        listener = transport.listen(new ListenerSettings(new InetSocketAddress(loopback, 0), Optional.empty(), Limits.DEFAULT, 4),
                connection -> {
                    accepted.add(connection);
                    return recorder(serverEvents);
                });
        Connection client = transport.connect(new ConnectSettings(loopback.getHostAddress(), listener.localAddress().getPort(),
                Duration.ofSeconds(5), Optional.empty(), Limits.DEFAULT), recorder(new LinkedBlockingQueue<>()));
        Connection atServer = accepted.poll(10, TimeUnit.SECONDS);
        assertNotNull(atServer);
        assertEquals(shown + ":" + listener.localAddress().getPort(), client.peerName());
        assertEquals(shown + ":" + atServer.remoteAddress().getPort(), atServer.peerName());
        client.close();
    }

    @Test
    void aProducerThatWaitsForWritabilityIsNotCutOffForTheFrameInHand() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        try (Socket stalled = stalledPeer(accepted)) {
            Connection toStalled = accepted.poll(10, TimeUnit.SECONDS);
            assertNotNull(toStalled);
            String chunk = "y".repeat(32 * 1024);
            for (int i = 0; i < 10_000 && toStalled.isWritable(); i++) {
                toStalled.send(new Output(1, OutputKind.STDOUT, chunk));
            }
            assertFalse(toStalled.isWritable(), "the stalled peer's queue reached its high-water mark");
            // a producer checked writability just before the mark was crossed: its frame still goes
            toStalled.send(new Output(1, OutputKind.STDOUT, "z".repeat(SMALL_QUEUES.maxFrameBytes() - 1024)));
            assertTrue(toStalled.isOpen());
        }
    }

    @Test
    void connectingWhereNobodyListensIsAConnectException() throws Exception {
        listen(Optional.empty(), Limits.DEFAULT, 1);
        int port = listener.localAddress().getPort();
        listener.close();
        listener = null;
        assertThrows(ConnectException.class, () -> transport.connect(new ConnectSettings("127.0.0.1", port,
                Duration.ofSeconds(5), Optional.empty(), Limits.DEFAULT), recorder(new LinkedBlockingQueue<>())));
    }

    @Test
    void aBusyPortIsNamedInTheError() throws Exception {
        listen(Optional.empty(), Limits.DEFAULT, 1);
        int port = listener.localAddress().getPort();
        IOException error = assertThrows(IOException.class, () -> transport.listen(new ListenerSettings(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Optional.empty(), Limits.DEFAULT, 1), c -> null));
        assertTrue(error.getMessage().startsWith("cannot listen on 127.0.0.1:" + port), error.getMessage());
    }

    static ErrorReport readFatalReport(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        FrameCodec codec = new FrameCodec();
        while (true) {
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            Message message = codec.decodePayload(ByteBuffer.wrap(payload));
            if (message instanceof ErrorReport report) {
                return report;
            }
        }
    }

    static MessageHandler recorder(BlockingQueue<Object> events) {
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

    static Object poll(BlockingQueue<Object> events) throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "nothing happened within 10 s");
        return event;
    }

    static <T> T pollUntil(BlockingQueue<Object> events, Class<T> type) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Object event = poll(events);
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " among the first 1000 events");
    }
}
