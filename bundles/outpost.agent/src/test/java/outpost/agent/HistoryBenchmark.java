package outpost.agent;


import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import outpost.agent.internal.SystemMetrics;
import outpost.agent.internal.history.AgentHistory;
import outpost.metrics.Metric;
import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Output;
import outpost.protocol.Request;

/**
 * What the history and the subscriptions cost (docs/BENCHMARKS.md, "History: memory and CPU"): the
 * CPU of the metrics sampler's thread per second, which now also reads memory and file systems and
 * keeps the history, alone and with 200 {@code watch 1} subscriptions over 20 connections; the whole
 * test JVM's CPU beside it; the rings' memory on this machine and at their bound. Not a test: run
 * with {@code -Dosgi.test.includes='**}{@code /HistoryBenchmark.java'}.
 */
class HistoryBenchmark {

    private static final int SECONDS = 30;

    @Test
    void measure() throws Exception {
        AgentHistory history = BenchmarkAgents.service(AgentHistory.class);
        Agent agent = BenchmarkAgents.service(Agent.class);
        Path data = Files.createTempDirectory("outpost-history-benchmark");
        String token = "benchmark-token";
        Files.writeString(data.resolve("tokens.properties"), "bench.sha256=" + HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                + "\nbench.roles=read\n");
        int port = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withTls(false)).address().getPort();
        try {
            Thread.sleep(5_000); // OSHI loaded, the first samples taken
            StringBuilder report = new StringBuilder("\nOutpost history benchmark (" + SECONDS + " s each, "
                    + Runtime.getRuntime().availableProcessors() + " cores)\n");
            report.append(line("history on, no subscription", measureCpu()));
            long now = System.currentTimeMillis();
            report.append(String.format(Locale.ROOT, "  seconds kept of the last 30: %d%n",
                    history.range(now - 30_000, now, now).samples().size()));
            SystemMetrics metrics = BenchmarkAgents.service(SystemMetrics.class);
            report.append(String.format(Locale.ROOT, "  OSHI network interfaces %.3f ms of CPU, CPU ticks %.3f ms%n",
                    cpuMillisPerRead(() -> metrics.hardware().getNetworkIFs(true)),
                    cpuMillisPerRead(() -> {
                        metrics.processor().getSystemCpuLoadTicks();
                        metrics.processor().getProcessorCpuLoadTicks();
                    })));
            for (Metric section : Metric.values()) {
                report.append(String.format(Locale.ROOT, "  reading %-5s %.3f ms of CPU%n", section.wireName(),
                        cpuMillisPerRead(() -> history.now(EnumSet.of(section)))));
            }
            List<RawClient> clients = new ArrayList<>();
            AtomicLong samples = new AtomicLong();
            long[] perClient = new long[20];
            for (int c = 0; c < 20; c++) {
                RawClient client = new RawClient(port);
                client.read(Hello.class);
                client.send(Auth.current(token));
                client.read(AuthOk.class);
                for (int w = 1; w <= 10; w++) {
                    client.send(new Request(w, "watch 1 cpu,ram"));
                }
                clients.add(client);
                int index = c;
                Thread reader = new Thread(() -> drain(client, samples, perClient, index), "benchmark-reader-" + c);
                reader.setDaemon(true);
                reader.start();
            }
            Thread.sleep(3_000);
            long before = samples.get();
            Cpu with = measureCpu();
            report.append(line("history on, 200 watch 1 cpu,ram", with));
            report.append(String.format(Locale.ROOT, "  samples received: %.0f per second (200 expected); dropped for slow clients: %d%n",
                    (samples.get() - before) / (double) SECONDS, history.droppedSamples()));
            report.append("  subscriptions: " + history.subscriptions() + "; samples per client: "
                    + java.util.Arrays.toString(perClient) + "\n");
            long end = System.currentTimeMillis();
            report.append(String.format(Locale.ROOT, "  seconds kept of the last 30: %d%n",
                    history.range(end - 30_000, end, end).samples().size()));
            report.append(String.format(Locale.ROOT, "  rings now: %d bytes (%.2f MiB); at their bound: %d bytes (%.2f MiB)%n",
                    history.memoryBytes(), history.memoryBytes() / 1048576.0, history.maxMemoryBytes(),
                    history.maxMemoryBytes() / 1048576.0));
            System.out.println(report);
            for (RawClient client : clients) {
                client.close();
            }
        } finally {
            agent.stop();
        }
    }

    /** CPU time of this thread per call, over 200 calls after 20 to warm up. */
    private static double cpuMillisPerRead(Runnable read) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20; i++) {
            read.run();
        }
        long before = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 200; i++) {
            read.run();
        }
        return (threads.getCurrentThreadCpuTime() - before) / 200 / 1e6;
    }

    private static void drain(RawClient client, AtomicLong samples, long[] perClient, int index) {
        try {
            while (true) {
                Message message = client.read();
                if (message instanceof Output) {
                    samples.incrementAndGet();
                    perClient[index]++;
                } else {
                    System.out.println("benchmark client " + index + ": " + message);
                }
            }
        } catch (IOException closed) {
            // the benchmark is over
        }
    }

    private record Cpu(double samplerPercent, double processPercent) {
    }

    private static String line(String what, Cpu cpu) {
        return String.format(Locale.ROOT, "  %-34s sampler thread %.3f %% of a core, whole JVM %.3f %%%n", what,
                cpu.samplerPercent(), cpu.processPercent());
    }

    private static Cpu measureCpu() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sampler = samplerThread(threads);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long samplerBefore = threads.getThreadCpuTime(sampler);
        long processBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        Thread.sleep(SECONDS * 1000L);
        double elapsed = System.nanoTime() - start;
        return new Cpu(100 * (threads.getThreadCpuTime(sampler) - samplerBefore) / elapsed,
                100 * (os.getProcessCpuTime() - processBefore) / elapsed);
    }

    private static long samplerThread(ThreadMXBean threads) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("outpost-agent-metrics-sampler")) {
                return info.getThreadId();
            }
        }
        throw new AssertionError("no metrics sampler thread");
    }
}
