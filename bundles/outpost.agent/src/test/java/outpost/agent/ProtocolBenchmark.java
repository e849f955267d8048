package outpost.agent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

import outpost.protocol.Auth;
import outpost.protocol.FrameCodec;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.transport.TlsEngine;
import outpost.transport.TlsEngines;

/**
 * Load generator for docs/BENCHMARKS.md (not a test: run it with releng/benchmark). In one run it
 * measures a framed echo over one persistent connection (raw TCP and TLS: the floors), then the
 * agent answering {@code cpu} over TLS and over plain TCP: latency percentiles for one client,
 * throughput for 16 concurrent clients, and the agent's CPU time per request (from the CPU time of
 * its own threads; the load generator's clients are plain blocking sockets on other threads).
 * {@link #commandLatency()} measures each read command in turn over TLS.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ProtocolBenchmark {

    private static final int WARMUP = 3_000;
    private static final int MEASURED = 20_000;
    private static final int CLIENTS = 16;
    private static final Duration WARMUP_TIME = Duration.ofSeconds(3);
    private static final Duration CONCURRENT_WARMUP = Duration.ofSeconds(1);
    private static final Duration LOAD_DURATION = Duration.ofSeconds(5);
    private static final String TOKEN = "benchmark-token";
    private static final List<String> COMMANDS = List.of("cpu", "ram", "os", "name", "ip", "uptime", "load", "disk", "procs",
            "net", "sysinfo");
    private static final Duration COMMAND_WARMUP = Duration.ofSeconds(2);
    private static final Duration COMMAND_TIME = Duration.ofSeconds(4);
    private static final int COMMAND_MEASURED = 5_000;
    private static final int COMMAND_MIN = 200;

    private final List<String> rows = new ArrayList<>();

    @Test
    @org.junit.jupiter.api.Order(1)
    void measure() throws Exception {
        Path data = Files.createTempDirectory("outpost-bench");
        Files.writeString(data.resolve("tokens.properties"), "bench.sha256=" + sha256Hex(TOKEN) + "\nbench.roles=read\n");
        Agent agent = BenchmarkAgents.service(Agent.class);
        AgentSettings tls = AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withLimits(256, 32, Duration.ofSeconds(10), Duration.ofSeconds(60));
        int tlsPort = agent.start(tls).address().getPort();
        SSLContext serverContext = serverContext(data.resolve("agent-identity.p12"));

        try (EchoServer plainEcho = new EchoServer(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()));
                EchoServer tlsEcho = new EchoServer(serverContext.getServerSocketFactory()
                        .createServerSocket(0, 128, InetAddress.getLoopbackAddress()))) {
            ((SSLServerSocket) tlsEcho.socket).setEnabledProtocols(new String[] { "TLSv1.3" });
            run("echo floor, raw TCP", () -> new EchoClient(plainEcho.port(), false), false);
            run("echo floor, TLS 1.3", () -> new EchoClient(tlsEcho.port(), true), false);
            run("agent `cpu`, TLS 1.3, agent on " + TlsEngines.describe(TlsEngine.AUTO) + ", run 1", () -> new AgentClient(tlsPort, true), true);
            agent.stop();
            // the same agent on JSSE, as before issue 13 (the client here is a JSSE socket either way),
            // then each engine once more: the first rows still carry the JIT's warm-up
            List<TlsEngine> engines = List.of(TlsEngine.JDK, TlsEngine.AUTO, TlsEngine.JDK);
            for (int i = 0; i < engines.size(); i++) {
                TlsEngine engine = engines.get(i);
                int port = agent.start(tls.withTlsEngine(engine)).address().getPort();
                run("agent `cpu`, TLS 1.3, agent on " + (engine == TlsEngine.JDK ? "JSSE" : "BoringSSL") + ", run " + (i / 2 + 1 + (engine == TlsEngine.AUTO ? 1 : 0)),
                        () -> new AgentClient(port, true), true);
                agent.stop();
            }
            int plainPort = agent.start(tls.withTls(false)).address().getPort();
            run("agent `cpu`, plain TCP", () -> new AgentClient(plainPort, false), true);
        } finally {
            agent.stop();
        }
        String table = "| what | p50 µs | p99 µs | 1 client req/s | " + CLIENTS + " clients req/s | agent CPU µs/request |\n"
                + "|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println("\nOutpost protocol benchmark (" + MEASURED + " sequential requests after at least " + WARMUP
                + " and " + WARMUP_TIME.toSeconds() + " s of warm-up; " + CLIENTS + " clients for "
                + LOAD_DURATION.toSeconds() + " s after " + CONCURRENT_WARMUP.toSeconds() + " s)\n" + table);
        Path out = Path.of(System.getProperty("outpost.benchmark.out", "target/benchmark-results.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
    }

    /**
     * Latency of each read command over TLS on one established connection, one request at a time:
     * warm-up, then as many requests as fit in a few seconds (at most {@value #COMMAND_MEASURED}).
     */
    @Test
    @org.junit.jupiter.api.Order(2) // after measure(), so the shared path (TLS, framing) is compiled
    void commandLatency() throws Exception {
        // -Doutpost.benchmark.commands=skip (in the test JVM) leaves this table out, for quicker A/B runs
        org.junit.jupiter.api.Assumptions.assumeFalse("skip".equals(System.getProperty("outpost.benchmark.commands")));
        Path data = Files.createTempDirectory("outpost-bench");
        Files.writeString(data.resolve("tokens.properties"), "bench.sha256=" + sha256Hex(TOKEN) + "\nbench.roles=read\n");
        Agent agent = BenchmarkAgents.service(Agent.class);
        AgentSettings tls = AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withLimits(256, 32, Duration.ofSeconds(10), Duration.ofSeconds(60));
        int port = agent.start(tls).address().getPort();
        List<String> table = new ArrayList<>();
        try {
            try (AgentClient warmup = new AgentClient(port, true, "name")) {
                for (int i = 0; i < WARMUP; i++) {
                    warmup.roundTrip();
                }
            }
            for (String command : COMMANDS) {
                table.add(commandRow(port, command));
            }
        } finally {
            agent.stop();
        }
        String text = "| command | requests | p50 µs | p99 µs | agent CPU µs/request | answer bytes |\n|---|---|---|---|---|---|\n"
                + String.join("\n", table) + "\n";
        System.out.println("\nOutpost per-command latency (TLS 1.3, one established connection, sequential; warm-up "
                + COMMAND_WARMUP.toSeconds() + " s, then up to " + COMMAND_MEASURED + " requests or "
                + COMMAND_TIME.toSeconds() + " s)\n" + text);
        Path out = Path.of(System.getProperty("outpost.benchmark.commands.out", "target/benchmark-commands.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text);
    }

    private static String commandRow(int port, String command) throws Exception {
        try (AgentClient client = new AgentClient(port, true, command)) {
            long warmupEnd = System.nanoTime() + COMMAND_WARMUP.toNanos();
            while (System.nanoTime() < warmupEnd) {
                client.roundTrip();
            }
            long[] nanos = new long[COMMAND_MEASURED];
            int count = 0;
            long cpuBefore = BenchmarkAgents.agentCpuNanos();
            long end = System.nanoTime() + COMMAND_TIME.toNanos();
            while (count < COMMAND_MEASURED && (System.nanoTime() < end || count < COMMAND_MIN)) {
                long t0 = System.nanoTime();
                client.roundTrip();
                nanos[count++] = System.nanoTime() - t0;
            }
            long cpu = BenchmarkAgents.agentCpuNanos() - cpuBefore;
            long[] measured = Arrays.copyOf(nanos, count);
            Arrays.sort(measured);
            return String.format(Locale.ROOT, "| `%s` | %d | %.0f | %.0f | %.1f | %d |", command, count,
                    measured[count / 2] / 1000.0, measured[Math.min(count - 1, count * 99 / 100)] / 1000.0,
                    cpu / 1000.0 / count, client.lastAnswerBytes);
        }
    }

    private interface ClientFactory {
        RoundTripper open() throws Exception;
    }

    private interface RoundTripper extends AutoCloseable {
        void roundTrip() throws IOException;

        @Override
        void close() throws IOException;
    }

    private void run(String what, ClientFactory factory, boolean measureAgentCpu) throws Exception {
        long[] nanos = new long[MEASURED];
        double singleThroughput;
        try (RoundTripper client = factory.open()) {
            // Until the JIT has compiled the path: a count alone ended the warm-up before that on a busy machine.
            long warmupEnd = System.nanoTime() + WARMUP_TIME.toNanos();
            for (int i = 0; i < WARMUP || System.nanoTime() < warmupEnd; i++) {
                client.roundTrip();
            }
            long start = System.nanoTime();
            for (int i = 0; i < MEASURED; i++) {
                long t0 = System.nanoTime();
                client.roundTrip();
                nanos[i] = System.nanoTime() - t0;
            }
            singleThroughput = MEASURED / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(nanos);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            counts.add(pool.submit(() -> {
                long done = 0;
                try (RoundTripper client = factory.open()) {
                    while (!stop.get()) {
                        client.roundTrip();
                        if (counting.get()) {
                            done++;
                        }
                    }
                }
                return done;
            }));
        }
        Thread.sleep(CONCURRENT_WARMUP.toMillis()); // connections open, the concurrent paths compiled
        long agentCpuBefore = BenchmarkAgents.agentCpuNanos();
        counting.set(true);
        Thread.sleep(LOAD_DURATION.toMillis());
        stop.set(true);
        long agentCpu = BenchmarkAgents.agentCpuNanos() - agentCpuBefore;
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        double concurrentThroughput = total / (double) LOAD_DURATION.toSeconds();
        String cpu = measureAgentCpu ? String.format(Locale.ROOT, "%.1f", agentCpu / 1000.0 / total) : "n/a";
        rows.add(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %s |", what, nanos[MEASURED / 2] / 1000.0,
                nanos[MEASURED * 99 / 100] / 1000.0, singleThroughput, concurrentThroughput, cpu));
    }


    /** The agent's protocol over a blocking socket: Hello, Auth, then request/result round trips. */
    private static final class AgentClient implements RoundTripper {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;
        private final FrameCodec codec = new FrameCodec();
        private final String command;
        private int nextId;
        private int lastFrameBytes;
        int lastAnswerBytes;

        AgentClient(int port, boolean tls) throws Exception {
            this(port, tls, "cpu");
        }

        AgentClient(int port, boolean tls, String command) throws Exception {
            this.command = command;
            socket = connect(port, tls);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            if (!(read() instanceof Hello)) {
                throw new IOException("no hello");
            }
            write(Auth.current(TOKEN));
            read();
        }

        @Override
        public void roundTrip() throws IOException {
            write(new Request(++nextId, command));
            Message message;
            int bytes = 0;
            while (!((message = read()) instanceof Result)) {
                bytes += lastFrameBytes; // output chunks
            }
            lastAnswerBytes = bytes;
            if (((Result) message).status() != outpost.protocol.ResultStatus.OK) {
                throw new IOException("'" + command + "' failed: " + message);
            }
        }

        private void write(Message message) throws IOException {
            out.write(codec.encodeFrame(message));
            out.flush();
        }

        private Message read() throws IOException {
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            lastFrameBytes = payload.length;
            return codec.decodePayload(ByteBuffer.wrap(payload));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Sends a request-sized frame and reads the echoed frame back. */
    private static final class EchoClient implements RoundTripper {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;
        private final byte[] frame;

        EchoClient(int port, boolean tls) throws Exception {
            socket = connect(port, tls);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            frame = new FrameCodec().encodeFrame(new Request(1, "cpu"));
        }

        @Override
        public void roundTrip() throws IOException {
            out.write(frame);
            out.flush();
            in.readFully(new byte[in.readInt()]);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Echoes frames back, one thread per connection. */
    private static final class EchoServer extends ThreadPerConnectionServer {
        EchoServer(ServerSocket socket) {
            super(socket);
        }

        @Override
        void serve(Socket connection) throws IOException {
            DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(connection.getOutputStream()));
            while (true) {
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                out.writeInt(payload.length);
                out.write(payload);
                out.flush();
            }
        }
    }

    private static Socket connect(int port, boolean tls) throws Exception {
        Socket socket;
        if (tls) {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] { new TrustAll() }, null);
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
            ssl.setEnabledProtocols(new String[] { "TLSv1.3" });
            ssl.startHandshake();
            socket = ssl;
        } else {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
        }
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static SSLContext serverContext(Path keyStoreFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            store.load(in, "outpost".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "outpost".toCharArray());
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The benchmark talks to its own agent on loopback; pinning is tested elsewhere. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static String sha256Hex(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

}
