import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import outpost.client.AgentSession;
import outpost.client.CommandReply;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.client.internal.TransportSessionFactory;
import outpost.protocol.FrameCodec;
import outpost.protocol.Request;
import outpost.servers.Server;
import outpost.servers.ServerListCsv;
import outpost.transport.Fingerprints;
import outpost.transport.internal.NettyTransport;

/**
 * The client side of releng/benchmark-fleet, in a JVM of its own (so its memory is the client's
 * only), on a plain class path of the agent product's plug-ins: the client layer (SessionFactory
 * and AgentSession, as the console uses them) fanning {@code cpu} out to every agent of FleetHost,
 * the raw-TCP floor against FleetHost's echo server, and the memory of open sessions.
 *
 * java -cp 'PRODUCT/plugins/*' FleetClientBench.java WORK_DIR ROUNDS PARALLEL
 */
public class FleetClientBench {

    static final Duration ANSWER_WAIT = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int parallel = Integer.parseInt(args[2]);
        List<Server> servers = ServerListCsv.read(Files.readString(work.resolve("servers.csv"))).servers();
        String token = Files.readString(work.resolve("token")).strip();
        int echoPort = Integer.parseInt(Files.readString(work.resolve("echo.port")).strip());
        Path known = pinAll(work, servers);
        Path hostPid = work.resolve("host.pid");
        hosts = Files.exists(hostPid) ? Files.readAllLines(hostPid).stream().filter(line -> !line.isBlank())
                .map(line -> ProcessHandle.of(Long.parseLong(line.strip())).orElseThrow()).toList() : List.of();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "fan-out");
            thread.setDaemon(true); // an exception in main must end the JVM
            return thread;
        });
        System.out.println("round | what | until every answer ms | per-server p50 ms | p99 ms | max ms | client CPU ms | agents' CPU ms");
        for (int round = 1; round <= rounds; round++) {
            print(round, "raw TCP floor: connect + 1 echo, " + servers.size() + " sockets", floorCold(pool, echoPort, servers.size()));
            print(round, "raw TCP floor: 1 echo on " + servers.size() + " open sockets", floorWarm(echoPort, servers.size()));
            // A new transport each round: its first connects are full TLS handshakes, as in a new console or CLI.
            NettyTransport transport = new NettyTransport();
            SessionFactory factory = new TransportSessionFactory(transport);
            List<AgentSession> sessions = new ArrayList<>();
            print(round, "client layer: first connect (TLS, token) + cpu, " + servers.size() + " agents, " + parallel + " at a time",
                    coldFanOut(pool, factory, servers, token, known, sessions));
            print(round, "client layer: cpu on " + sessions.size() + " open sessions", warmFanOut(sessions));
            int count = sessions.size();
            long open = usedMemory();
            sessions.forEach(AgentSession::close);
            sessions.clear();
            long none = usedMemory();
            System.out.printf(Locale.ROOT, "%d | client memory per open session (heap + direct, after GC) | %.1f KiB "
                    + "(%d sessions: %.1f MiB, none: %.1f MiB)%n", round, (open - none) / 1024.0 / Math.max(count, 1),
                    count, open / 1048576.0, none / 1048576.0);
            long resumedBefore = resumed(transport);
            print(round, "client layer: reconnect (same transport) + cpu, " + servers.size() + " agents, " + parallel + " at a time",
                    coldFanOut(pool, factory, servers, token, known, sessions));
            long resumedAfter = resumed(transport);
            System.out.printf(Locale.ROOT, "%d | TLS sessions resumed by the reconnect | %s%n", round,
                    resumedAfter < 0 ? "n/a (this transport does not resume)" : (resumedAfter - resumedBefore) + " of " + servers.size());
            sessions.forEach(AgentSession::close);
            sessions.clear();
            transport.deactivate();
        }
        pool.shutdownNow();
    }

    /** The transport's count of resumed TLS sessions; -1 for a transport without it (an older build). */
    private static long resumed(NettyTransport transport) {
        try {
            return (long) NettyTransport.class.getMethod("resumedTlsSessions").invoke(transport);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    /** Time until every answer, and each server's own latency, in nanoseconds. */
    private record Times(long total, long[] each, int failed, String firstError, long cpu, long agentsCpu) {
        Times(long total, long[] each, long[] cpu) {
            this(total, each, 0, null, cpu[0], cpu[1]);
        }

        Times(long total, long[] each, int failed, String firstError, long[] cpu) {
            this(total, each, failed, firstError, cpu[0], cpu[1]);
        }
    }

    /** FleetHost's processes (one a line in host.pid), whose CPU time is the agents' side of a fan-out; none when unknown. */
    private static List<ProcessHandle> hosts = List.of();

    /**
     * CPU time so far, in nanoseconds, of this whole process (all threads: fan-out, event loops, GC,
     * JIT) and of the fleet's; {@link #cpuSince} turns two readings into what a phase took.
     */
    private static long[] cpuNanos() {
        long mine = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long agents = hosts.isEmpty() ? -1 : 0;
        for (ProcessHandle host : hosts) {
            long one = host.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
            agents = agents < 0 || one < 0 ? -1 : agents + one;
        }
        return new long[] { mine, agents };
    }

    private static long[] cpuSince(long[] start) {
        long[] now = cpuNanos();
        return new long[] { now[0] - start[0], start[1] < 0 || now[1] < 0 ? -1 : now[1] - start[1] };
    }

    private static void print(int round, String what, Times times) {
        long[] sorted = times.each().clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%d | %s | %.1f | %.1f | %.1f | %.1f | %.0f | %s%s%n", round, what, times.total() / 1e6,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6, times.cpu() / 1e6,
                times.agentsCpu() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", times.agentsCpu() / 1e6), times.failed() == 0 ? ""
                        : " | " + times.failed() + " FAILED (first: " + times.firstError() + ")");
    }

    private static Times coldFanOut(ExecutorService pool, SessionFactory factory, List<Server> servers, String token,
            Path known, List<AgentSession> keep) throws Exception {
        long[] each = new long[servers.size()];
        String[] errors = new String[servers.size()];
        AgentSession[] sessions = new AgentSession[servers.size()];
        List<CompletableFuture<Void>> done = new ArrayList<>();
        long[] cpu = cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < servers.size(); i++) {
            int index = i;
            Server server = servers.get(i);
            done.add(CompletableFuture.runAsync(() -> {
                long t0 = System.nanoTime();
                AgentSession session = factory.create(SessionSettings.of(server.host(), server.port(), token, known)
                        .withTrustNew(false));
                sessions[index] = session;
                try {
                    session.connect();
                    expectCpu(session.send("cpu").get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS));
                } catch (Exception e) {
                    errors[index] = server.endpoint() + ": " + e.getMessage();
                }
                each[index] = System.nanoTime() - t0;
            }, pool));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
        long total = System.nanoTime() - start;
        long[] used = cpuSince(cpu);
        List<String> failures = Arrays.stream(errors).filter(error -> error != null).toList();
        for (AgentSession session : sessions) {
            if (session.status() == SessionStatus.CONNECTED) {
                keep.add(session);
            } else {
                session.close();
            }
        }
        return new Times(total, each, failures.size(), failures.isEmpty() ? null : failures.get(0), used);
    }

    private static Times warmFanOut(List<AgentSession> sessions) throws Exception {
        long[] each = new long[sessions.size()];
        String[] errors = new String[sessions.size()];
        List<CompletableFuture<?>> done = new ArrayList<>();
        long[] cpu = cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < sessions.size(); i++) {
            int index = i;
            long t0 = System.nanoTime();
            done.add(sessions.get(i).send("cpu").thenAccept(reply -> {
                expectCpu(reply);
                each[index] = System.nanoTime() - t0;
            }).exceptionally(error -> {
                errors[index] = error.getMessage();
                each[index] = System.nanoTime() - t0;
                return null;
            }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
        long total = System.nanoTime() - start;
        long[] used = cpuSince(cpu);
        List<String> failures = Arrays.stream(errors).filter(error -> error != null).toList();
        return new Times(total, each, failures.size(), failures.isEmpty() ? null : failures.get(0), used);
    }

    private static void expectCpu(CommandReply reply) {
        if (!reply.isOk() || !reply.stdout().startsWith("CPU: ")) {
            throw new IllegalStateException("not an answer to cpu: " + reply);
        }
    }

    private static final byte[] FRAME = requestFrame();

    private static byte[] requestFrame() {
        try {
            return new FrameCodec().encodeFrame(new Request(1, "cpu"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Times floorCold(ExecutorService pool, int port, int count) throws Exception {
        long[] each = new long[count];
        List<CompletableFuture<Void>> done = new ArrayList<>();
        long[] cpu = cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = i;
            done.add(CompletableFuture.runAsync(() -> {
                long t0 = System.nanoTime();
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setTcpNoDelay(true);
                    echo(socket);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                each[index] = System.nanoTime() - t0;
            }, pool));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
        long total = System.nanoTime() - start;
        return new Times(total, each, cpuSince(cpu));
    }

    private static Times floorWarm(int port, int count) throws Exception {
        Socket[] sockets = new Socket[count];
        for (int i = 0; i < count; i++) {
            sockets[i] = new Socket(InetAddress.getLoopbackAddress(), port);
            sockets[i].setTcpNoDelay(true);
        }
        try {
            long[] each = new long[count];
            long[] cpu = cpuNanos();
            long start = System.nanoTime();
            for (Socket socket : sockets) {
                socket.getOutputStream().write(FRAME);
            }
            for (int i = 0; i < count; i++) {
                DataInputStream in = new DataInputStream(sockets[i].getInputStream());
                in.readFully(new byte[in.readInt()]);
                each[i] = System.nanoTime() - start;
            }
            long total = System.nanoTime() - start;
            return new Times(total, each, cpuSince(cpu));
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void echo(Socket socket) throws Exception {
        new DataOutputStream(socket.getOutputStream()).write(FRAME);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        in.readFully(new byte[in.readInt()]);
    }

    /** Heap in use plus direct buffers (the JDK's and Netty's own), after collecting garbage. */
    private static long usedMemory() throws Exception {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        long netty = (long) Class.forName("io.netty.util.internal.PlatformDependent").getMethod("usedDirectMemory")
                .invoke(null);
        return heap + direct + Math.max(netty, 0);
    }

    /** Every agent of the fleet shares one certificate: pin it for all, as a known fleet would be. */
    private static Path pinAll(Path work, List<Server> servers) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(work.resolve("agents/0/agent-identity.p12"))) {
            store.load(in, "outpost".toCharArray());
        }
        String fingerprint = Fingerprints.sha256((X509Certificate) store.getCertificate(store.aliases().nextElement()));
        Properties known = new Properties();
        servers.forEach(server -> known.setProperty(server.host() + ":" + server.port(), fingerprint));
        Path file = work.resolve("known_agents");
        try (Writer out = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
            known.store(out, "pinned by FleetClientBench");
        }
        return file;
    }
}
