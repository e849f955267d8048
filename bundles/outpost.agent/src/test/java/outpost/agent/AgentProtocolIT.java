package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Cancel;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.protocol.Output;
import outpost.protocol.ProtocolVersion;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.protocol.Role;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Fingerprints;
import outpost.transport.Limits;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;
import outpost.testing.Conditions;

/**
 * The agent as Declarative Services wires it, over real loopback TCP: authentication, roles,
 * multiplexing, cancel, timeouts, notices, and the malformed-input catalog, each bad case while a
 * well-behaved client keeps working on its own connection.
 */
class AgentProtocolIT {

    private static final String READER_TOKEN = "reader-token-for-tests";

    private Agent agent;
    private Transport transport;
    private Path data;
    private String adminToken;
    private int port;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private RawClient healthy;

    @BeforeEach
    void startAgent() throws Exception {
        agent = service(Agent.class);
        transport = service(Transport.class);
        data = Files.createTempDirectory("outpost-agent-it");
        registrations.add(context().registerService(AgentCommand.class, new TickCommand(), null));
        registrations.add(context().registerService(AgentCommand.class, new RootOnlyCommand(), null));
        registrations.add(context().registerService(AgentCommand.class, new BigCommand(), null));
    }

    private void start(boolean tls) throws Exception {
        start(tls, Duration.ofSeconds(5)); // room for a first, cold login on a loaded machine
    }

    /** With a short handshake timeout, for the tests of that timeout. */
    private void start(boolean tls, Duration handshakeTimeout) throws Exception {
        start(tls, handshakeTimeout, Duration.ofSeconds(15));
    }

    private void start(boolean tls, Duration handshakeTimeout, Duration idleTimeout) throws Exception {
        adminToken = "admin-token-for-tests";
        Files.writeString(data.resolve("tokens.properties"), "admin.sha256=" + sha256Hex(adminToken)
                + "\nadmin.roles=read,execute,admin\nreader.sha256=" + sha256Hex(READER_TOKEN) + "\nreader.roles=read\n");
        AgentSettings settings = AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withTls(tls).withLimits(64, 8, handshakeTimeout, idleTimeout);
        Agent.AgentStartup startup = agent.start(settings);
        assertTrue(startup.createdTokenFile().isEmpty(), "an existing token store is used as it is");
        port = startup.address().getPort();
        if (!tls) {
            healthy = login(adminToken);
        }
    }

    @AfterEach
    void stopAgent() throws IOException {
        if (healthy != null) {
            healthy.close();
        }
        agent.stop();
        registrations.forEach(ServiceRegistration::unregister);
    }

    // ---- the conversation -------------------------------------------------------------------

    @Test
    void tlsGreetingAuthenticationAndAnswerWithThePinnedCertificate() throws Exception {
        start(true);
        String fingerprint = Fingerprints.sha256(loadCertificate());
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        Connection connection = transport.connect(new ConnectSettings("127.0.0.1", port, Duration.ofSeconds(5),
                Optional.of((host, p, certificate) -> {
                    if (!Fingerprints.sha256(certificate).equals(fingerprint)) {
                        throw new CertificateException("not the agent's certificate");
                    }
                }), Limits.DEFAULT), collector(received));
        Hello hello = assertInstanceOf(Hello.class, next(received));
        assertTrue(hello.isCompatible());
        assertTrue(hello.capabilities().containsAll(List.of("tls", "auth-token", "streaming", "cancel")), hello.toString());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), hello.hostName());
        connection.send(Auth.current(adminToken));
        assertEquals(new AuthOk("admin", List.of("admin", "execute", "read")), next(received));
        connection.send(new Request(1, "cpu"));
        assertTrue(assertInstanceOf(Output.class, next(received)).text().startsWith("CPU: "));
        assertEquals(ResultStatus.OK, assertInstanceOf(Result.class, next(received)).status());
        connection.close();
    }

    @Test
    void aClientsCloseNotifyIsAnsweredWithTheAgentsOwnAndTheClose() throws Exception {
        // keepalive at a third of the idle timeout: 20 s, so nothing but the close_notify can end the stream sooner
        start(true, Duration.ofSeconds(5), Duration.ofSeconds(60));
        java.security.KeyStore trusted = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("agent", loadCertificate());
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory
                .getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
        tls.init(null, trust.getTrustManagers(), null);
        // layered on a TCP socket of our own, so that close_notify does not also end the TCP stream (FIN)
        try (java.net.Socket tcp = new java.net.Socket(InetAddress.getLoopbackAddress(), port);
                javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                        .createSocket(tcp, "127.0.0.1", port, false)) {
            socket.setSoTimeout(10_000); // before the agent's first keepalive
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            outpost.protocol.FrameCodec codec = new outpost.protocol.FrameCodec();
            assertInstanceOf(Hello.class, readFrame(in, codec));
            socket.getOutputStream().write(codec.encodeFrame(Auth.current(adminToken)));
            assertInstanceOf(AuthOk.class, readFrame(in, codec));
            socket.shutdownOutput(); // TLS 1.3: sends close_notify, the input stays open
            // docs/PROTOCOL.md, Closing: the agent answers with its own close_notify and closes, sending nothing else
            try {
                assertEquals(-1, in.read(), "the agent's close_notify ends the stream before any PING");
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the agent kept the connection open after the client's close_notify", e);
            }
        }
        assertStillServingOverTls();
    }

    private void assertStillServingOverTls() throws Exception {
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        Connection connection = transport.connect(new ConnectSettings("127.0.0.1", port, Duration.ofSeconds(5),
                Optional.of((host, p, certificate) -> { }), Limits.DEFAULT), collector(received));
        assertInstanceOf(Hello.class, next(received));
        connection.send(Auth.current(adminToken));
        assertInstanceOf(AuthOk.class, next(received));
        connection.close();
    }

    private static Message readFrame(java.io.DataInputStream in, outpost.protocol.FrameCodec codec) throws IOException {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return codec.decodePayload(java.nio.ByteBuffer.wrap(payload));
    }

    @Test
    void everyMetricCommandAnswersAndUnknownOnesSaySo() throws Exception {
        start(false);
        int id = 1;
        for (String command : new String[] { "cpu", "ram", "os", "name", "help" }) {
            healthy.send(new Request(id, command));
            assertEquals(id, healthy.read(Output.class).id());
            assertEquals(ResultStatus.OK, healthy.read(Result.class).status(), command);
            id++;
        }
        healthy.send(new Request(id, "frobnicate now"));
        Result unknown = healthy.read(Result.class);
        assertEquals(ResultStatus.UNKNOWN_COMMAND, unknown.status());
        assertEquals("unknown command 'frobnicate', try help", unknown.message());
    }

    @Test
    void aWrongTokenIsRefusedAndRepeatedGuessesAreThrottled() throws Exception {
        start(false);
        for (int attempt = 1; attempt <= 4; attempt++) {
            try (RawClient guesser = new RawClient(port)) {
                guesser.read(Hello.class);
                guesser.send(Auth.current("guess-" + attempt));
                assertEquals(ErrorCode.AUTH_FAILED, guesser.read(ErrorReport.class).code(), "attempt " + attempt);
                assertTrue(guesser.closedByPeer());
            }
        }
        try (RawClient locked = new RawClient(port)) {
            locked.read(Hello.class);
            locked.send(Auth.current(adminToken));
            ErrorReport report = locked.read(ErrorReport.class);
            assertEquals(ErrorCode.AUTH_THROTTLED, report.code(), "even the right token waits out the lockout");
            assertTrue(report.message().contains("try again in"), report.message());
        }
        assertStillServing();
    }

    @Test
    void aReadOnlyTokenCannotRunWhatNeedsAnotherRoleAndHelpShowsOnlyWhatItMay() throws Exception {
        start(false);
        try (RawClient reader = login(READER_TOKEN)) {
            reader.send(new Request(1, "rootonly"));
            Result forbidden = reader.read(Result.class);
            assertEquals(ResultStatus.FORBIDDEN, forbidden.status());
            assertEquals("'rootonly' needs the admin role, which token 'reader' does not have", forbidden.message());
            reader.send(new Request(2, "help"));
            String help = reader.read(Output.class).text();
            assertTrue(help.contains("cpu") && !help.contains("rootonly"), help);
            reader.read(Result.class);
        }
    }

    @Test
    void requestsInterleaveAndCancelStopsOneWithoutTouchingTheOthers() throws Exception {
        start(false);
        healthy.send(new Request(1, "tick 1000"));
        assertEquals("tick 1\n", healthy.read(Output.class).text());
        healthy.send(new Request(2, "name"));
        Map<Integer, Result> results = new HashMap<>();
        boolean nameAnswered = false;
        while (!nameAnswered) {
            Message message = healthy.read();
            if (message instanceof Result result) {
                results.put(result.id(), result);
                nameAnswered = result.id() == 2;
            }
        }
        assertFalse(results.containsKey(1), "the ticking request is still running");
        healthy.send(new Request(1, "tick 5"));
        assertEquals(ErrorCode.DUPLICATE_ID, readUntil(healthy, ErrorReport.class).code());
        healthy.send(new Cancel(99));
        ErrorReport unknown = readUntil(healthy, ErrorReport.class);
        assertEquals(new ErrorReport(99, ErrorCode.UNKNOWN_ID, "no request 99 is in flight"), unknown);
        healthy.send(new Cancel(1));
        Result cancelled = readUntil(healthy, Result.class);
        assertEquals(1, cancelled.id());
        assertEquals(ResultStatus.CANCELLED, cancelled.status());
    }

    @Test
    void aRequestThatOutlivesItsTimeoutIsStopped() throws Exception {
        start(false);
        healthy.send(new Request(7, 300, "tick 1000"));
        Result result = readUntil(healthy, Result.class);
        assertEquals(ResultStatus.TIMED_OUT, result.status());
        assertTrue(result.durationMillis() >= 250, result.toString());
    }

    @Test
    void stoppingTellsEveryClientFirst() throws Exception {
        start(false);
        agent.stop();
        Notice notice = readUntil(healthy, Notice.class);
        assertEquals(NoticeKind.STOPPING, notice.kind());
        assertEquals(ErrorCode.SHUTTING_DOWN, healthy.read(ErrorReport.class).code());
        assertTrue(healthy.closedByPeer());
        healthy.close();
        healthy = null;
    }

    @Test
    void aRequestWaitingForAWorkerCanBeCancelledAndStillGetsItsOneResult() throws Exception {
        start(false);
        try (RawClient busy = login(adminToken)) {
            for (int id = 1; id <= 8; id++) {
                busy.send(new Request(id, "tick 1000")); // all 8 workers busy
            }
            for (int seen = 0; seen < 8;) {
                if (busy.read() instanceof Output) {
                    seen++;
                }
            }
            healthy.send(new Request(50, "tick 5"));
            healthy.send(new Cancel(50));
            Result cancelled = readUntil(healthy, Result.class);
            assertEquals(50, cancelled.id());
            assertEquals(ResultStatus.CANCELLED, cancelled.status());
        }
    }

    @Test
    void largeOutputIsSplitIntoFramesUnderTheLimit() throws Exception {
        start(false);
        healthy.send(new Request(60, "big"));
        int received = 0;
        int frames = 0;
        Message message;
        while (!((message = healthy.read()) instanceof Result)) {
            received += ((Output) message).text().length();
            frames++;
        }
        assertEquals(ResultStatus.OK, ((Result) message).status());
        assertEquals(BigCommand.SIZE, received);
        assertTrue(frames >= 3, frames + " frames");
    }

    @Test
    void plainTcpIsAnnouncedWithoutTheTlsCapability() throws Exception {
        start(false);
        try (RawClient client = new RawClient(port)) {
            assertFalse(client.read(Hello.class).capabilities().contains("tls"));
        }
    }

    @Test
    void pingPythonAndProcsAnswerAndEveryCommandIsAudited() throws Exception {
        start(false);
        healthy.send(new Request(70, "ping 127.0.0.1 1"));
        Result ping = readUntil(healthy, Result.class);
        boolean pingInstalled = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "ping")));
        if (pingInstalled) {
            assertEquals(ResultStatus.OK, ping.status(), ping.toString());
        } else {
            assertTrue(ping.message().contains("cannot run ping"), ping.message());
        }
        healthy.send(new Request(71, "procs mem 3"));
        String procs = readUntil(healthy, Output.class).text();
        assertTrue(procs.startsWith("     PID") && procs.split("\n").length == 4, procs);
        readUntil(healthy, Result.class);
        healthy.send(new Request(72, "python --help"));
        assertEquals("python: only 'python --version' is answered", readUntil(healthy, Result.class).message());

        // Read-only requests reach the file within the batch delay (100 ms)
        String audit = auditLogOnceItContains("command=python --help");
        assertTrue(audit.contains("token=admin status=OK exit=0") && audit.contains("command=procs mem 3"), audit);
        assertTrue(audit.contains("status=FAILED") && audit.contains("command=python --help"), audit);
    }

    @Test
    void aRefusedRequestIsAuditedAtOnceAfterTheReadRequestsBeforeIt() throws Exception {
        start(false);
        try (RawClient reader = login(READER_TOKEN)) {
            reader.send(new Request(1, "uptime"));
            assertEquals(ResultStatus.OK, readUntil(reader, Result.class).status());
            reader.send(new Request(2, "kill"));
            assertEquals(ResultStatus.FORBIDDEN, readUntil(reader, Result.class).status());
            // No waiting: the refusal is written when it is answered, the queued uptime line first
            String audit = Files.readString(data.resolve("audit.log.0"));
            int uptime = audit.indexOf("command=uptime");
            int kill = audit.indexOf("command=kill");
            assertTrue(uptime >= 0 && kill > uptime, audit);
            assertTrue(audit.substring(audit.lastIndexOf('\n', kill) + 1, kill).contains("token=reader status=FORBIDDEN"), audit);
        }
        assertStillServing();
    }

    private String auditLogOnceItContains(String text) throws Exception {
        Path file = data.resolve("audit.log.0");
        Conditions.holdsWithin(() -> {
            try {
                return Files.readString(file).contains(text);
            } catch (IOException notWrittenYet) {
                return false;
            }
        }, Duration.ofSeconds(5));
        return Files.readString(file);
    }

    // ---- session control, as the original had it ----------------------------------------------

    @Test
    void disconnectClosesOnlyTheAskingClient() throws Exception {
        start(false);
        try (RawClient leaving = login(READER_TOKEN); RawClient staying = login(READER_TOKEN)) {
            leaving.send(new Request(1, "disconnect"));
            assertEquals("disconnecting", leaving.read(Output.class).text());
            assertEquals(ResultStatus.OK, leaving.read(Result.class).status());
            assertEquals(ErrorCode.SHUTTING_DOWN, readUntil(leaving, ErrorReport.class).code());
            assertTrue(leaving.closedByPeer());
            staying.send(new Request(2, "name"));
            assertEquals(ResultStatus.OK, readUntil(staying, Result.class).status());
        }
        assertStillServing();
    }

    @Test
    void resetTellsEveryClientClosesAllAndListensAgainOnTheSamePort() throws Exception {
        start(false);
        try (RawClient second = login(READER_TOKEN); RawClient third = login(READER_TOKEN)) {
            healthy.send(new Request(1, "reset"));
            assertEquals(ResultStatus.OK, readUntil(healthy, Result.class).status());
            for (RawClient client : List.of(healthy, second, third)) {
                assertEquals(NoticeKind.RESETTING, readUntil(client, Notice.class).kind());
                assertEquals(ErrorCode.SHUTTING_DOWN, client.read(ErrorReport.class).code());
                assertTrue(client.closedByPeer());
            }
        }
        healthy.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        RawClient again = null;
        while (again == null && System.nanoTime() < deadline) {
            try {
                again = login(adminToken);
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        assertNotNull(again, "the agent listens again after a reset");
        healthy = again;
        assertStillServing();
        assertFalse(Files.exists(data.resolve("audit.log.0.1")), "the audit log goes on in the same file");
        assertTrue(Files.readString(data.resolve("audit.log.0")).contains("command=reset"));
    }

    @Test
    void resetAndKillNeedTheAdminRole() throws Exception {
        start(false);
        try (RawClient reader = login(READER_TOKEN)) {
            for (String command : new String[] { "reset", "kill" }) {
                reader.send(new Request(command.length(), command));
                Result refused = readUntil(reader, Result.class);
                assertEquals(ResultStatus.FORBIDDEN, refused.status(), command);
            }
            reader.send(new Request(20, "help"));
            String help = readUntil(reader, Output.class).text();
            assertTrue(help.contains("disconnect") && !help.contains("reset") && !help.contains("kill"), help);
        }
        assertStillServing();
    }

    @Test
    void killTellsEveryClientAndStopsTheAgent() throws Exception {
        start(false);
        try (RawClient second = login(READER_TOKEN); RawClient third = login(READER_TOKEN)) {
            healthy.send(new Request(1, "kill"));
            assertEquals(ResultStatus.OK, readUntil(healthy, Result.class).status());
            for (RawClient client : List.of(healthy, second, third)) {
                assertEquals(NoticeKind.STOPPING, readUntil(client, Notice.class).kind());
                assertTrue(client.closedByPeer());
            }
        }
        agent.stopRequested().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(agent.address().isEmpty(), "the agent no longer listens");
        healthy.close();
        healthy = null;
    }

    // ---- the malformed-input catalog ---------------------------------------------------------

    @Test
    void aNonPositiveRequestIdIsAProtocolError() throws Exception {
        start(false);
        assertFatal(ErrorCode.PROTOCOL_ERROR, client -> {
            client.send(Auth.current(adminToken));
            client.read(AuthOk.class);
            client.send(new Request(0, "cpu"));
        });
    }

    @Test
    void aRequestBeforeAuthenticationIsRefused() throws Exception {
        start(false);
        assertFatal(ErrorCode.AUTH_REQUIRED, client -> client.send(new Request(1, "cpu")));
    }

    @Test
    void anIncompatibleProtocolVersionIsRefusedWithBothVersions() throws Exception {
        start(false);
        ErrorReport report = assertFatal(ErrorCode.UNSUPPORTED_VERSION,
                client -> client.send(new Auth(ProtocolVersion.MAJOR + 1, 0, adminToken)));
        assertTrue(report.message().contains(ProtocolVersion.text()) && report.message().contains((ProtocolVersion.MAJOR + 1) + ".0"),
                report.message());
    }

    @Test
    void aZeroLengthFrameIsAProtocolError() throws Exception {
        start(false);
        assertFatal(ErrorCode.PROTOCOL_ERROR, client -> client.sendBytes(0, 0, 0, 0));
    }

    @Test
    void aNegativeLengthIsAProtocolError() throws Exception {
        start(false);
        assertFatal(ErrorCode.PROTOCOL_ERROR, client -> client.sendBytes(0xFF, 0xFF, 0xFF, 0xF0));
    }

    @Test
    void aLengthOverTheMaximumIsRefusedBeforeAllocating() throws Exception {
        start(false);
        assertFatal(ErrorCode.FRAME_TOO_LARGE, client -> client.sendBytes(0x7F, 0xFF, 0xFF, 0xFF));
    }

    @Test
    void anUnknownMessageTypeIsAProtocolError() throws Exception {
        start(false);
        assertFatal(ErrorCode.PROTOCOL_ERROR, client -> client.sendBytes(0, 0, 0, 1, 77));
    }

    @Test
    void invalidUtf8IsAProtocolError() throws Exception {
        start(false);
        ErrorReport report = assertFatal(ErrorCode.PROTOCOL_ERROR,
                client -> client.sendBytes(0, 0, 0, 11, 2, 0, 1, 0, 0, 0, 0, 0, 2, 0xC3, 0x28));
        assertEquals("invalid UTF-8 in string field", report.message());
    }

    @Test
    void garbageBeforeTheHandshakeIsRefused() throws Exception {
        start(false);
        // "GET " read as a length is over a gigabyte: refused before anything is allocated
        assertFatal(ErrorCode.FRAME_TOO_LARGE, client -> client.sendBytes("GET / HTTP/1.1\r\n\r\n".getBytes()));
    }

    @Test
    void aTruncatedFrameFromAVanishingPeerLeavesTheAgentServing() throws Exception {
        start(false);
        try (RawClient client = new RawClient(port)) {
            client.read(Hello.class);
            client.sendBytes(0, 0, 0, 40, 2, 0, 1);
        }
        assertStillServing();
    }

    @Test
    void aHalfOpenConnectionIsClosedAtTheHandshakeTimeout() throws Exception {
        start(false, Duration.ofMillis(800));
        try (RawClient silent = new RawClient(port)) {
            silent.read(Hello.class);
            assertEquals(ErrorCode.HANDSHAKE_TIMEOUT, silent.read(ErrorReport.class).code());
            assertTrue(silent.closedByPeer());
        }
        assertStillServing();
    }

    @Test
    void oneBytePerSecondCannotHoldAConnection() throws Exception {
        start(false, Duration.ofMillis(800));
        byte[] auth = new outpost.protocol.FrameCodec().encodeFrame(Auth.current(adminToken));
        try (RawClient trickler = new RawClient(port)) {
            trickler.read(Hello.class);
            boolean cut = false;
            for (int i = 0; i < auth.length - 1 && !cut; i++) {
                try {
                    trickler.sendBytes(auth[i]);
                    Thread.sleep(200);
                } catch (IOException closed) {
                    cut = true;
                }
            }
            assertTrue(cut || trickler.closedByPeer(), "the agent closed the trickling connection");
        }
        assertStillServing();
    }

    @Test
    void aFloodOfRequestsIsBoundedPerConnection() throws Exception {
        start(false);
        try (RawClient flooder = login(adminToken)) {
            for (int id = 1; id <= 40; id++) {
                flooder.send(new Request(id, "tick 1000"));
            }
            int refused = 0;
            for (int seen = 0; refused < 32 && seen < 10_000; seen++) {
                if (flooder.read() instanceof ErrorReport report) {
                    assertEquals(ErrorCode.TOO_MANY_REQUESTS, report.code());
                    refused++;
                }
            }
            assertEquals(32, refused, "8 run, 32 are refused");
        }
        assertStillServing();
    }

    @Test
    void manyConnectionsAtOnceAreServedAndThoseBeyondTheLimitRefusedPolitely() throws Exception {
        start(false);
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                clients.add(new RawClient(port));
            }
            int greeted = 0;
            int refused = 0;
            for (RawClient client : clients) {
                Message first = client.read();
                if (first instanceof Hello) {
                    greeted++;
                } else if (first instanceof ErrorReport report && report.code() == ErrorCode.TOO_MANY_CONNECTIONS) {
                    refused++;
                }
            }
            assertEquals(63, greeted, "64 connections allowed, one held by the healthy client");
            assertEquals(7, refused);
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
        assertStillServing();
    }

    // ---- helpers ------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Abuse {
        void on(RawClient client) throws Exception;
    }

    /** Applies the abuse on a fresh connection, expects the fatal report and the close, then checks the healthy client. */
    private ErrorReport assertFatal(ErrorCode expected, Abuse abuse) throws Exception {
        ErrorReport report;
        try (RawClient client = new RawClient(port)) {
            client.read(Hello.class);
            abuse.on(client);
            report = client.read(ErrorReport.class);
            assertEquals(expected, report.code(), report.message());
            assertTrue(report.isFatal());
            assertTrue(client.closedByPeer(), "the agent closes after a fatal error");
        }
        assertStillServing();
        return report;
    }

    private void assertStillServing() throws IOException {
        healthy.send(new Request(1000 + (int) (System.nanoTime() & 0xFFFF), "name"));
        readUntil(healthy, Output.class);
        assertEquals(ResultStatus.OK, readUntil(healthy, Result.class).status());
    }

    private RawClient login(String token) throws IOException {
        RawClient client = new RawClient(port);
        client.read(Hello.class);
        client.send(Auth.current(token));
        client.read(AuthOk.class);
        return client;
    }

    private static <T extends Message> T readUntil(RawClient client, Class<T> type) throws IOException {
        for (int i = 0; i < 10_000; i++) {
            Message message = client.read();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }

    private java.security.cert.X509Certificate loadCertificate() throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(data.resolve("agent-identity.p12"))) {
            store.load(in, "outpost".toCharArray());
        }
        return (java.security.cert.X509Certificate) store.getCertificate("outpost");
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static MessageHandler collector(BlockingQueue<Message> received) {
        return new MessageHandler() {
            @Override
            public void received(Connection connection, Message message) {
                received.add(message);
            }

            @Override
            public void closed(Connection connection, Throwable cause) {
            }
        };
    }

    private static Message next(BlockingQueue<Message> received) throws InterruptedException {
        Message message = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "nothing from the agent within 10 s");
        return message;
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(AgentProtocolIT.class).getBundleContext();
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        assertNotNull(service, type.getSimpleName() + " service not available");
        return service;
    }

    /** Streams "tick N" every 20 ms, N times, stopping when cancelled. */
    private static final class TickCommand implements AgentCommand {
        @Override
        public String name() {
            return "tick";
        }

        @Override
        public String help() {
            return "test: ticks";
        }

        @Override
        public int execute(CommandContext context) throws Exception {
            int count = Integer.parseInt(context.arguments());
            for (int i = 1; i <= count && !context.isCancelled(); i++) {
                context.stdout("tick " + i + "\n");
                Thread.sleep(20);
            }
            return 0;
        }
    }

    /** Writes 2 MB of output in one call: more than one frame may carry. */
    private static final class BigCommand implements AgentCommand {
        static final int SIZE = 2_000_000;

        @Override
        public String name() {
            return "big";
        }

        @Override
        public String help() {
            return "test: large output";
        }

        @Override
        public int execute(CommandContext context) {
            context.stdout("é".repeat(SIZE));
            return 0;
        }
    }

    private static final class RootOnlyCommand implements AgentCommand {
        @Override
        public String name() {
            return "rootonly";
        }

        @Override
        public String help() {
            return "test: needs admin";
        }

        @Override
        public Role requiredRole() {
            return Role.ADMIN;
        }

        @Override
        public int execute(CommandContext context) {
            context.stdout("done");
            return 0;
        }
    }
}
