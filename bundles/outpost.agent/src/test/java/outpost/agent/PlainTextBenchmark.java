package outpost.agent;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

/**
 * Load generator for the plain-text port in docs/BENCHMARKS.md (not a test: run it with
 * releng/benchmark). In one run, through the same blocking-socket clients: a Java line echo (the
 * floor: a thread per connection answers a line with the line and the closing dot), the agent's
 * plain-text port answering {@code cpu}, and zabbix_agentd's passive check (when installed; the
 * Zabbix header protocol, the agent closes after each answer). For each: one connection per
 * request and a kept connection (latency of one client, then 16 clients' requests/s) and the
 * server's CPU time per request during the 16-client phase.
 */
class PlainTextBenchmark {

    private static final int CLIENTS = 16;
    private static final Duration WARMUP = Duration.ofSeconds(2);
    private static final int FRESH_MEASURED = 5_000;
    private static final int KEPT_MEASURED = 20_000;
    private static final Duration CONCURRENT_WARMUP = Duration.ofSeconds(1);
    private static final Duration LOAD = Duration.ofSeconds(5);
    private static final String ZABBIX_KEY = System.getProperty("outpost.benchmark.zabbix.key", "system.cpu.util");
    private static final Path ZABBIX_AGENTD = Path.of(System.getProperty("outpost.benchmark.zabbix", "/usr/sbin/zabbix_agentd"));

    private final List<String> rows = new ArrayList<>();

    @Test
    void measure() throws Exception {
        Agent agent = BenchmarkAgents.service(Agent.class);
        Path data = Files.createTempDirectory("outpost-plain-bench");
        int plainPort = freePort();
        PlainTextSettings plainText = new PlainTextSettings(true, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                plainPort), List.of(), PlainTextSettings.DEFAULT_MAX_LINE_LENGTH, 4 * CLIENTS, Duration.ofSeconds(60));
        agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data).withTls(false)
                .withPlainText(plainText));
        try (LineEcho echo = new LineEcho(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()));
                Zabbix zabbix = Zabbix.startIfInstalled()) {
            measure("echo floor, Java line echo", () -> new LineClient(echo.port(), "cpu").open(), null);
            measure("agent plain-text `cpu`", () -> new LineClient(plainPort, "cpu").open(), BenchmarkAgents::agentCpuNanos);
            if (zabbix != null) {
                measure("zabbix_agentd " + zabbix.version + " `" + ZABBIX_KEY + "`",
                        () -> new ZabbixClient(zabbix.port, ZABBIX_KEY).open(), zabbix::cpuNanos);
            } else {
                rows.add("| zabbix_agentd: not installed (" + ZABBIX_AGENTD + ") | | | | | | | | |");
            }
        } finally {
            agent.stop();
        }
        String table = "| what | fresh p50 µs | fresh p99 µs | fresh " + CLIENTS + " clients req/s | fresh CPU µs/request"
                + " | kept p50 µs | kept p99 µs | kept " + CLIENTS + " clients req/s | kept CPU µs/request |\n"
                + "|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println("\nOutpost plain-text benchmark (fresh: one connection per request, " + FRESH_MEASURED
                + " sequential; kept: one connection, " + KEPT_MEASURED + " sequential; " + WARMUP.toSeconds()
                + " s of warm-up each; " + CLIENTS + " clients for " + LOAD.toSeconds() + " s after "
                + CONCURRENT_WARMUP.toSeconds() + " s; server CPU over the " + CLIENTS + "-client phase)\n" + table);
        Path out = Path.of(System.getProperty("outpost.benchmark.plain.out", "target/benchmark-plain-text.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
    }

    private interface Asker {
        /** Opens a new connection that answers one request per {@link Conversation#ask()}. */
        Conversation open() throws IOException;
    }

    private interface Conversation extends AutoCloseable {
        void ask() throws IOException;

        /** Whether the server keeps the connection after an answer. */
        boolean keeps();

        @Override
        void close() throws IOException;
    }

    private void measure(String what, Asker asker, LongSupplier serverCpuNanos) throws Exception {
        String fresh = freshRow(asker, serverCpuNanos);
        boolean keeps;
        try (Conversation probe = asker.open()) {
            keeps = probe.keeps();
        }
        String kept = keeps ? keptRow(asker, serverCpuNanos) : "n/a (closes after each answer) | | | ";
        rows.add("| " + what + " | " + fresh + " | " + kept + " |");
    }

    private String freshRow(Asker asker, LongSupplier serverCpuNanos) throws Exception {
        long warmupEnd = System.nanoTime() + WARMUP.toNanos();
        while (System.nanoTime() < warmupEnd) {
            askOnce(asker);
        }
        long[] nanos = new long[FRESH_MEASURED];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            askOnce(asker);
            nanos[i] = System.nanoTime() - t0;
        }
        Load load = concurrently(() -> {
            askOnce(asker);
            return null;
        }, serverCpuNanos);
        return percentiles(nanos) + " | " + load;
    }

    private static void askOnce(Asker asker) throws IOException {
        try (Conversation conversation = asker.open()) {
            conversation.ask();
        }
    }

    private String keptRow(Asker asker, LongSupplier serverCpuNanos) throws Exception {
        long[] nanos = new long[KEPT_MEASURED];
        try (Conversation conversation = asker.open()) {
            long warmupEnd = System.nanoTime() + WARMUP.toNanos();
            while (System.nanoTime() < warmupEnd) {
                conversation.ask();
            }
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                conversation.ask();
                nanos[i] = System.nanoTime() - t0;
            }
        }
        ThreadLocal<Conversation> own = new ThreadLocal<>();
        List<Conversation> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            Load load = concurrently(() -> {
                Conversation conversation = own.get();
                if (conversation == null) {
                    conversation = asker.open();
                    own.set(conversation);
                    opened.add(conversation);
                }
                conversation.ask();
                return null;
            }, serverCpuNanos);
            return percentiles(nanos) + " | " + load;
        } finally {
            for (Conversation conversation : opened) {
                conversation.close();
            }
        }
    }

    private static String percentiles(long[] nanos) {
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "%.0f | %.0f", nanos[nanos.length / 2] / 1000.0,
                nanos[nanos.length * 99 / 100] / 1000.0);
    }

    private record Load(double perSecond, String cpuPerRequest) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f | %s", perSecond, cpuPerRequest);
        }
    }

    private interface Step {
        Void run() throws IOException;
    }

    /** {@value #CLIENTS} threads repeat a step: warm-up, then counted for {@link #LOAD}. */
    private static Load concurrently(Step step, LongSupplier serverCpuNanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            counts.add(pool.submit(() -> {
                long done = 0;
                while (!stop.get()) {
                    step.run();
                    if (counting.get()) {
                        done++;
                    }
                }
                return done;
            }));
        }
        Thread.sleep(CONCURRENT_WARMUP.toMillis());
        long cpuBefore = serverCpuNanos == null ? 0 : serverCpuNanos.getAsLong();
        counting.set(true);
        Thread.sleep(LOAD.toMillis());
        counting.set(false);
        long cpu = serverCpuNanos == null ? 0 : serverCpuNanos.getAsLong() - cpuBefore;
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        String perRequest = serverCpuNanos == null ? "n/a" : String.format(Locale.ROOT, "%.1f", cpu / 1000.0 / total);
        return new Load(total / (double) LOAD.toSeconds(), perRequest);
    }


    /** nc's way: a line out, the answer read up to the line holding a single dot. */
    private static final class LineClient implements Conversation {
        private final int port;
        private final byte[] request;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        LineClient(int port, String command) {
            this.port = port;
            this.request = (command + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        Conversation open() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            return this;
        }

        @Override
        public void ask() throws IOException {
            out.write(request);
            int previous = '\n';
            int beforePrevious = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the end of the answer");
                }
                if (b == '\n' && previous == '.' && beforePrevious == '\n') {
                    return;
                }
                beforePrevious = previous;
                previous = b;
            }
        }

        @Override
        public boolean keeps() {
            return true;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A Zabbix passive check: "ZBXD", flags 1, the key's length (8 bytes, little-endian), the key. */
    private static final class ZabbixClient implements Conversation {
        private final int port;
        private final byte[] request;
        private Socket socket;

        ZabbixClient(int port, String key) {
            this.port = port;
            byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
            request = ByteBuffer.allocate(13 + keyBytes.length).order(ByteOrder.LITTLE_ENDIAN).put("ZBXD".getBytes(
                    StandardCharsets.US_ASCII)).put((byte) 1).putLong(keyBytes.length).put(keyBytes).array();
        }

        Conversation open() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            return this;
        }

        @Override
        public void ask() throws IOException {
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(13);
            if (header.length < 13 || header[0] != 'Z') {
                throw new IOException("no Zabbix answer");
            }
            long length = ByteBuffer.wrap(header, 5, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            byte[] value = in.readNBytes((int) length);
            if (value.length < length || new String(value, StandardCharsets.US_ASCII).startsWith("ZBX_NOTSUPPORTED")) {
                throw new IOException("Zabbix did not answer: " + new String(value, StandardCharsets.US_ASCII));
            }
        }

        @Override
        public boolean keeps() {
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** zabbix_agentd in the foreground on a loopback port, with a configuration of the benchmark's own. */
    private static final class Zabbix implements AutoCloseable {
        final int port;
        final String version;
        private final Process process;

        private Zabbix(int port, String version, Process process) {
            this.port = port;
            this.version = version;
            this.process = process;
        }

        static Zabbix startIfInstalled() throws Exception {
            if (!Files.isExecutable(ZABBIX_AGENTD)) {
                return null;
            }
            Path dir = Files.createTempDirectory("outpost-bench-zabbix");
            int port = freeZabbixPort();
            Path config = dir.resolve("zabbix_agentd.conf");
            // the packaged defaults (3 passive listeners) but our own port, files and no active checks
            Files.writeString(config, "Server=127.0.0.1\nListenIP=127.0.0.1\nListenPort=" + port + "\nStartAgents=3\n"
                    + "ServerActive=\nHostname=outpost-bench\nLogFile=" + dir.resolve("agentd.log") + "\nLogFileSize=0\n"
                    + "PidFile=" + dir.resolve("agentd.pid") + "\nAllowRoot=1\nTimeout=3\n");
            String version = new String(new ProcessBuilder(ZABBIX_AGENTD.toString(), "-V").redirectErrorStream(true).start()
                    .getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("")
                    .replaceAll(".*\\(Zabbix\\) ", "");
            Process process = new ProcessBuilder(ZABBIX_AGENTD.toString(), "-f", "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Zabbix zabbix = new Zabbix(port, version, process);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try {
                    askOnce(() -> new ZabbixClient(port, "agent.ping").open());
                    // system.cpu.util answers once the collector has a sample
                    askOnce(() -> new ZabbixClient(port, ZABBIX_KEY).open());
                    return zabbix;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        zabbix.close();
                        throw new IOException("zabbix_agentd did not answer on port " + port + ": " + notYet.getMessage()
                                + "; see " + dir);
                    }
                    Thread.sleep(100);
                }
            }
        }

        /** User and system time of the agent and its listener and collector processes, from /proc. */
        long cpuNanos() {
            long ticks = 0;
            List<ProcessHandle> all = new ArrayList<>();
            all.add(process.toHandle());
            process.toHandle().descendants().forEach(all::add);
            for (ProcessHandle handle : all) {
                try {
                    String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (IOException | RuntimeException gone) {
                    // a process that ended meanwhile
                }
            }
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        }

        @Override
        public void close() throws InterruptedException {
            process.toHandle().descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Answers each line with the line and a lone dot, one thread per connection: the floor. */
    private static final class LineEcho extends ThreadPerConnectionServer {
        LineEcho(ServerSocket socket) {
            super(socket);
        }

        @Override
        void serve(Socket connection) throws IOException {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0;) {
                line.write(b);
                if (b == '\n') {
                    line.write('.');
                    line.write('\n');
                    out.write(line.toByteArray()); // one write, as the agent's answer should be
                    line.reset();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** zabbix_agentd takes ListenPort 1024-32767 only: below the ephemeral range. */
    private static int freeZabbixPort() throws IOException {
        for (int port = 23_000 + (int) (ProcessHandle.current().pid() % 1000); port < 32_767; port += 7) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // the next one
            }
        }
        throw new IOException("no free port for zabbix_agentd");
    }

}
