package outpost.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.transport.internal.NettyTransportTest.poll;
import static outpost.transport.internal.NettyTransportTest.pollUntil;
import static outpost.transport.internal.NettyTransportTest.recorder;
import static outpost.transport.internal.TlsEnginePairsTest.pinned;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import outpost.protocol.ErrorCode;
import outpost.protocol.Message;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
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
import outpost.transport.PeerError;
import outpost.transport.TlsEngine;
import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;
import outpost.transport.TunnelCarrier;
import outpost.transport.TunnelListener;
import outpost.transport.TunnelListenerSettings;

/**
 * Connections tunnelled through an in-memory carrier ({@link MemoryCarrier}), as broker mode carries
 * them: the same TLS, pinning, frames and limits as over a socket, and a carrier that only ever sees
 * ciphertext it cannot change or replay without breaking the session. An agent's transport and a
 * console's, as in two processes.
 */
class TunnelTransportTest {

    private static final String PEER = "broker client console-7";
    private static final String AGENT = "agent-7";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private static TlsIdentity identity;
    private static TlsIdentity otherIdentity;

    private final NettyTransport agentTransport = new NettyTransport();
    private final NettyTransport consoleTransport = new NettyTransport();
    private final List<MemoryCarrier.Pair> pairs = new ArrayList<>();
    /** What the agent's handlers heard: messages, then "closed cleanly" or the cause. */
    private final BlockingQueue<Object> serverEvents = new LinkedBlockingQueue<>();
    private final List<Message> serverMessages = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Connection> served = new LinkedBlockingQueue<>();
    private TunnelListener listener;

    @BeforeAll
    static void createIdentities() throws IOException {
        identity = TlsIdentities.generate("agent-under-test");
        otherIdentity = TlsIdentities.generate("impostor");
    }

    @AfterEach
    void close() throws InterruptedException {
        if (listener != null) {
            listener.close();
        }
        for (MemoryCarrier.Pair pair : pairs) {
            pair.shutdown();
        }
        consoleTransport.deactivate();
        agentTransport.deactivate();
    }

    private MemoryCarrier.Pair newPair() {
        MemoryCarrier.Pair pair = new MemoryCarrier.Pair();
        pairs.add(pair);
        return pair;
    }

    /** An echo agent: answers each request with its command as output and a result. */
    private void listen(TlsIdentity presented, TlsEngine engine, Limits limits, int maxConnections) {
        listen(presented, engine, limits, maxConnections, this::echo);
    }

    private void echo(Connection from, Request request) {
        try {
            from.send(new Output(request.id(), OutputKind.STDOUT, request.command()));
            from.send(Result.ok(request.id(), 0));
        } catch (IOException e) {
            serverEvents.add(e);
        }
    }

    private void listen(TlsIdentity presented, TlsEngine engine, Limits limits, int maxConnections, RequestAnswer answer) {
        listener = agentTransport.listenTunnels(new TunnelListenerSettings(Optional.of(presented), limits, maxConnections, engine),
                connection -> {
                    served.add(connection);
                    return new MessageHandler() {
                        @Override
                        public void received(Connection from, Message message) {
                            serverMessages.add(message);
                            serverEvents.add(message);
                            if (message instanceof Request request) {
                                answer.answer(from, request);
                            }
                        }

                        @Override
                        public void closed(Connection from, Throwable cause) {
                            serverEvents.add(cause == null ? "closed cleanly" : cause);
                        }
                    };
                });
    }

    @FunctionalInterface
    private interface RequestAnswer {
        void answer(Connection from, Request request);
    }

    private Connection connect(MemoryCarrier.Pair pair, TlsEngine engine, CertificateCheck check, Limits limits,
            BlockingQueue<Object> events) throws IOException {
        return consoleTransport.connectTunnel(new ConnectSettings(AGENT, 0, CONNECT_TIMEOUT, Optional.of(check), limits, engine),
                pair.opener(listener, PEER), recorder(events));
    }

    private Connection connect(MemoryCarrier.Pair pair, BlockingQueue<Object> events) throws IOException {
        return connect(pair, TlsEngine.AUTO, pinned(identity), Limits.DEFAULT, events);
    }

    private static void roundTrip(Connection client, BlockingQueue<Object> events, int id, String command) throws Exception {
        client.send(new Request(id, command));
        assertEquals(new Output(id, OutputKind.STDOUT, command), poll(events));
        assertEquals(Result.ok(id, 0), poll(events));
    }

    @ParameterizedTest(name = "{0} listener, {1} client")
    @CsvSource({ "OPENSSL, OPENSSL", "OPENSSL, JDK", "JDK, OPENSSL", "JDK, JDK" })
    void messagesTravelBothWaysOverTlsAndEachSideNamesItsPeer(TlsEngine server, TlsEngine client) throws Exception {
        listen(identity, server, Limits.DEFAULT, 16);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection connection = connect(newPair(), client, pinned(identity), Limits.DEFAULT, events);
        assertEquals(identity.fingerprint(), Fingerprints.sha256(connection.peerCertificate().orElseThrow()));
        roundTrip(connection, events, 1, "first");
        connection.send(new Request(2, "x".repeat(500_000)));
        assertEquals(500_000, ((Output) poll(events)).text().length());
        assertEquals(Result.ok(2, 0), poll(events));

        Connection atAgent = served.poll(10, TimeUnit.SECONDS);
        assertNotNull(atAgent);
        assertEquals(PEER, atAgent.peerName());
        assertEquals(InetSocketAddress.createUnresolved(PEER, 0), atAgent.remoteAddress());
        assertTrue(atAgent.peerCertificate().isEmpty(), "the console presents no certificate");
        assertEquals(AGENT, connection.peerName());
        assertEquals(InetSocketAddress.createUnresolved(AGENT, 0), connection.remoteAddress());
        assertEquals(new Request(1, "first"), serverMessages.get(0));

        connection.close();
        assertEquals("closed cleanly", pollUntil(serverEvents, String.class));
    }

    @ParameterizedTest(name = "{0} listener, {1} client")
    @CsvSource({ "OPENSSL, OPENSSL", "OPENSSL, JDK", "JDK, OPENSSL", "JDK, JDK" })
    void aChangedCertificateIsRefusedWithTheSameWordsAsOverASocket(TlsEngine server, TlsEngine client) throws Exception {
        listen(otherIdentity, server, Limits.DEFAULT, 16);
        Listener socketListener = agentTransport.listen(new ListenerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.of(otherIdentity), Limits.DEFAULT, 16, server), connection -> recorder(new LinkedBlockingQueue<>()));
        SSLHandshakeException overSocket;
        try {
            overSocket = assertThrows(SSLHandshakeException.class, () -> consoleTransport.connect(new ConnectSettings("127.0.0.1",
                    socketListener.localAddress().getPort(), CONNECT_TIMEOUT, Optional.of(pinned(identity)), Limits.DEFAULT, client),
                    recorder(new LinkedBlockingQueue<>())));
        } finally {
            socketListener.close();
        }
        MemoryCarrier.Pair pair = newPair();
        SSLHandshakeException overTunnel = assertThrows(SSLHandshakeException.class,
                () -> connect(pair, client, pinned(identity), Limits.DEFAULT, new LinkedBlockingQueue<>()));
        assertEquals("the agent's certificate changed: " + otherIdentity.fingerprint(), overTunnel.getMessage());
        assertEquals(overSocket.getMessage(), overTunnel.getMessage());
        Conditions.waitUntil("both ends closed their carriers",
                () -> pair.toServer().closes.get() == 1 && pair.toClient().closes.get() == 1);
        assertTrue(serverMessages.isEmpty());
    }

    @Test
    void aLargeStreamArrivesIntactAndInOrderWhileTheCarrierPausesAndResumes() throws Exception {
        int frames = 256;
        int frameChars = 16 * 1024;
        Limits agentLimits = NettyTransportTest.SMALL_QUEUES;
        AtomicInteger heldBack = new AtomicInteger();
        AtomicBoolean produced = new AtomicBoolean();
        listen(identity, TlsEngine.AUTO, agentLimits, 16, (from, request) -> {
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < frames; i++) {
                        while (!from.awaitWritable(Duration.ofSeconds(1))) {
                            heldBack.incrementAndGet();
                            if (!from.isOpen()) {
                                return;
                            }
                        }
                        from.send(new Output(request.id(), OutputKind.STDOUT, frameText(i, frameChars)));
                    }
                    produced.set(true);
                    from.send(Result.ok(request.id(), 0));
                } catch (IOException | InterruptedException e) {
                    serverEvents.add(e);
                }
            }, "stream-producer");
            producer.setDaemon(true);
            producer.start();
        });
        MemoryCarrier.Pair pair = newPair();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        // the console may fall behind the whole stream without being cut off: this test is about the agent's side
        Limits consoleLimits = new Limits(Limits.DEFAULT.maxFrameBytes(), Duration.ofSeconds(15), Duration.ofSeconds(5), 16 << 20);
        Connection client = connect(pair, TlsEngine.AUTO, pinned(identity), consoleLimits, events);
        MemoryCarrier toClient = pair.toClient();
        int pauseAbove = 64 * 1024;
        toClient.pauseAbove(pauseAbove, 16 * 1024);
        toClient.stall();
        client.send(new Request(1, "stream"));

        Conditions.waitUntil("the agent's producer is held back or done", () -> heldBack.get() > 0 || produced.get());
        assertFalse(produced.get(), "the whole stream went into a carrier that holds everything: pausing did not slow the agent");
        assertTrue(toClient.pauses.get() >= 1);
        // what passes before the pause takes effect: the chunk that crossed the threshold and what the agent's
        // connection had queued (below its high-water mark, which is maxQueuedBytes)
        long bound = pauseAbove + 2L * agentLimits.maxQueuedBytes();
        assertTrue(toClient.peakQueued() <= bound, "the carrier held " + toClient.peakQueued() + " bytes, more than " + bound);

        toClient.release();
        for (int i = 0; i < frames; i++) {
            Object event = poll(events);
            if (!(event instanceof Output)) {
                throw new AssertionError("frame " + i + " did not come, the console's connection heard " + event
                        + "; the agent's: " + serverEvents);
            }
            assertEquals(new Output(1, OutputKind.STDOUT, frameText(i, frameChars)), event, "frame " + i);
        }
        assertEquals(Result.ok(1, 0), poll(events));
        assertTrue(toClient.resumes.get() >= 1);
        assertTrue(client.isOpen());
        client.close();
    }

    /** Frame {@code index} of the stream: its number, then filler, so a lost, repeated or reordered frame shows. */
    private static String frameText(int index, int chars) {
        String number = String.format("%08d:", index);
        return number + String.valueOf((char) ('a' + index % 26)).repeat(chars - number.length());
    }

    /** What a hostile broker does to the next chunk the console sends. */
    enum Attack {
        TAMPER, REPLAY
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource({ "OPENSSL, TAMPER", "JDK, TAMPER", "OPENSSL, REPLAY", "JDK, REPLAY" })
    void aBrokerThatTampersOrReplaysBreaksTheSessionAndNoForgedRequestRuns(TlsEngine engine, Attack attack) throws Exception {
        listen(identity, engine, Limits.DEFAULT, 16);
        MemoryCarrier.Pair pair = newPair();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection client = connect(pair, engine, pinned(identity), Limits.DEFAULT, events);
        roundTrip(client, events, 1, "uptime");
        if (attack == Attack.TAMPER) {
            pair.toServer().tamperNext();
        } else {
            pair.toServer().duplicateNext();
        }
        client.send(new Request(2, "restart service"));

        Throwable cause = pollUntil(serverEvents, Throwable.class);
        assertTrue(hasCause(cause, SSLException.class), "the agent's TLS refused the record: " + cause);
        // a tampered request never reaches the handler; a replayed one reaches it once, as sent
        List<Message> expected = attack == Attack.TAMPER ? List.of(new Request(1, "uptime"))
                : List.of(new Request(1, "uptime"), new Request(2, "restart service"));
        assertEquals(expected, serverMessages);
        Conditions.waitUntil("the console's connection closes too", () -> !client.isOpen());
        Conditions.waitUntil("each side closed its carrier once",
                () -> pair.toServer().closes.get() == 1 && pair.toClient().closes.get() == 1);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Who ends a tunnelled session. */
    enum Closer {
        /** the console closes its connection */
        CONSOLE,
        /** the agent closes its connection */
        AGENT,
        /** the console's carrier lost the broker and tells its tunnel, twice (closed() is idempotent) */
        CARRIER
    }

    @ParameterizedTest(name = "closed by the {0}")
    @EnumSource(Closer.class)
    void eitherSideClosesEachCarrierOnceAndEachHandlerHearsItOnce(Closer closer) throws Exception {
        listen(identity, TlsEngine.AUTO, Limits.DEFAULT, 16);
        MemoryCarrier.Pair pair = newPair();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection client = connect(pair, events);
        roundTrip(client, events, 1, "hello");
        Connection atAgent = served.poll(10, TimeUnit.SECONDS);
        assertNotNull(atAgent);
        switch (closer) {
        case CONSOLE -> client.close();
        case AGENT -> atAgent.close();
        case CARRIER -> {
            pair.toClient().receiver.closed();
            pair.toClient().receiver.closed();
        }
        }
        assertClosedOnceOnBothSides(pair, events, client);
        assertFalse(atAgent.isOpen());
    }

    private void assertClosedOnceOnBothSides(MemoryCarrier.Pair pair, BlockingQueue<Object> events, Connection client)
            throws Exception {
        Conditions.waitUntil("both carriers are closed",
                () -> pair.toServer().closes.get() >= 1 && pair.toClient().closes.get() >= 1);
        Conditions.waitUntil("both handlers heard the close", () -> closes(events) >= 1 && closes(serverEvents) >= 1);
        client.close(); // idempotent
        pair.toServer().drain();
        pair.toClient().drain();
        assertFalse(client.isOpen());
        assertEquals(1, pair.toServer().closes.get(), "the console's carrier is closed once");
        assertEquals(1, pair.toClient().closes.get(), "the agent's carrier is closed once");
        assertEquals(1, closes(events), "the console's handler hears closed once: " + events);
        assertEquals(1, closes(serverEvents), "the agent's handler hears closed once: " + serverEvents);
        Conditions.waitUntil("the listener counts no connection", () -> listener.openConnections() == 0);
    }

    private static long closes(BlockingQueue<Object> events) {
        return events.stream().filter(event -> !(event instanceof Message)).count();
    }

    @Test
    void tunnelsBeyondTheLimitAreRefusedPolitely() throws Exception {
        listen(identity, TlsEngine.AUTO, Limits.DEFAULT, 1);
        BlockingQueue<Object> firstEvents = new LinkedBlockingQueue<>();
        Connection first = connect(newPair(), firstEvents);
        roundTrip(first, firstEvents, 1, "hello");
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        connect(newPair(), events);
        PeerError refused = pollUntil(events, PeerError.class);
        assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, refused.report().code());
        assertEquals("the agent serves 1 connections already; try again later", refused.report().message());
        assertTrue(first.isOpen());
        Conditions.waitUntil("the refused tunnel is no longer counted", () -> listener.openConnections() == 1);
        first.close();
    }

    @Test
    void closingTheListenerEndsAllItsTunnelsAndRefusesNewOnes() throws Exception {
        listen(identity, TlsEngine.AUTO, Limits.DEFAULT, 16);
        MemoryCarrier.Pair firstPair = newPair();
        MemoryCarrier.Pair secondPair = newPair();
        BlockingQueue<Object> firstEvents = new LinkedBlockingQueue<>();
        BlockingQueue<Object> secondEvents = new LinkedBlockingQueue<>();
        Connection first = connect(firstPair, firstEvents);
        Connection second = connect(secondPair, secondEvents);
        roundTrip(first, firstEvents, 1, "one");
        roundTrip(second, secondEvents, 1, "two");
        assertEquals(2, listener.openConnections());

        listener.close();
        Conditions.waitUntil("both consoles' connections close", () -> !first.isOpen() && !second.isOpen());
        Conditions.waitUntil("the listener counts no connection", () -> listener.openConnections() == 0);
        Conditions.waitUntil("the agent closed both carriers",
                () -> firstPair.toClient().closes.get() == 1 && secondPair.toClient().closes.get() == 1);

        MemoryCarrier.Pair late = newPair();
        IOException refused = assertThrows(IOException.class, () -> connect(late, new LinkedBlockingQueue<>()));
        assertEquals("the tunnel to " + AGENT + " closed before the session began", refused.getMessage());
        assertEquals(1, late.toClient().closes.get(), "a closed listener closes a new stream's carrier at once");
    }

    @Test
    void aPeerFloodingAnAgentThatDoesNotReadIsCutOff() throws Exception {
        Limits agentLimits = NettyTransportTest.SMALL_QUEUES;
        CountDownLatch reading = new CountDownLatch(1);
        listen(identity, TlsEngine.AUTO, agentLimits, 16, (from, request) -> {
            if (request.command().equals("hello")) {
                echo(from, request);
                return;
            }
            try {
                // the agent's event loop is stuck: nothing more of this tunnel is read meanwhile
                reading.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        MemoryCarrier.Pair pair = newPair();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection client = connect(pair, events);
        try {
            roundTrip(client, events, 1, "hello");
            client.send(new Request(2, "block"));
            Conditions.waitUntil("the agent is stuck in its handler", () -> serverMessages.size() == 2);
            long before = pair.toServer().deliveredBytes.get();
            String chunk = "z".repeat(32 * 1024);
            while (pair.toServer().deliveredBytes.get() - before < 2L * agentLimits.maxQueuedBytes()) {
                // frames the transport counts at their size while they wait (a large request counts as a small message)
                assertTrue(client.awaitWritable(Duration.ofSeconds(10)), "the console's own queue drains into the carrier");
                client.send(new Output(3, OutputKind.STDOUT, chunk));
            }
            pair.toServer().drain(); // and received() returned for all of it: the flood never blocks the carrier
        } finally {
            reading.countDown();
        }
        Throwable cause = pollUntil(serverEvents, Throwable.class);
        assertEquals(PEER + " sent more than " + agentLimits.maxQueuedBytes() + " bytes that were not read yet: the tunnel is closed",
                cause.getMessage());
        assertTrue(serverMessages.size() < 2 + 2 * agentLimits.maxQueuedBytes() / (32 * 1024), serverMessages.size()
                + " messages were read");
        Conditions.waitUntil("the agent closed its carrier", () -> pair.toClient().closes.get() == 1);
        Conditions.waitUntil("the console's connection closes", () -> !client.isOpen());
    }

    @Test
    void anOpenerThatCannotOpenGivesItsIOException() {
        listen(identity, TlsEngine.AUTO, Limits.DEFAULT, 16);
        IOException unreachable = new IOException("the broker at mqtts://broker.invalid:8883 is unreachable");
        IOException thrown = assertThrows(IOException.class, () -> consoleTransport.connectTunnel(new ConnectSettings(AGENT, 0,
                CONNECT_TIMEOUT, Optional.of(pinned(identity)), Limits.DEFAULT), tunnel -> {
                    throw unreachable;
                }, recorder(new LinkedBlockingQueue<>())));
        assertSame(unreachable, thrown);
    }

    @Test
    void aHandshakeThatNeverCompletesTimesOutAndClosesTheCarrier() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        TunnelCarrier blackHole = new TunnelCarrier() {
            @Override
            public void send(byte[] bytes) {
                // a broker that drops everything
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class, () -> consoleTransport.connectTunnel(
                new ConnectSettings(AGENT, 0, Duration.ofMillis(300), Optional.of(pinned(identity)), Limits.DEFAULT),
                tunnel -> blackHole, recorder(new LinkedBlockingQueue<>())));
        assertEquals("no TLS handshake with " + AGENT + " through the tunnel within PT0.3S", timeout.getMessage());
        Conditions.waitUntil("the carrier is closed", () -> closes.get() == 1);
    }
}
