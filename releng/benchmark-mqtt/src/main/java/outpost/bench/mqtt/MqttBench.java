package outpost.bench.mqtt;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The measurements of releng/benchmark-mqtt/run, one mode per JVM so each figure belongs to one
 * library alone. Every mode prints one Markdown table row; the script prints the headers.
 *
 * <pre>
 * scale   LIB PORT N BROKER_PID       N clients in this JVM, each subscribed to its own topic
 * echo    LIB PORT TOPICS             TOPICS clients echoing req/i to resp/i until stdin closes
 * console LIB PORT TOPICS WINDOW WARMUP COUNT BROKER_PID ECHO_PID
 *                                     one client, QoS 1 round trips of 1 KiB over TOPICS topics
 * cold    LIB PORT                    one client connected in a fresh JVM
 * </pre>
 * LIB is paho, paho-nodelay (TCP_NODELAY set, as Outpost would), hivemq, or raw: the floor, the
 * benchmark's few packets written by hand (RawLibrary).
 */
public final class MqttBench {

    private static final String HOST = "127.0.0.1";
    private static final int PAYLOAD_BYTES = 1024;
    /** Connects in flight at once in the scale mode, as a fleet host would pace them. */
    private static final int CONNECTS_IN_FLIGHT = 64;
    private static final long WAIT_SECONDS = 120;

    private MqttBench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            // a library's non-daemon threads would keep a failed JVM, and the script, waiting
            System.exit(1);
        }
        // HiveMQ's Netty threads are not daemons; every mode has closed its clients by now
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        switch (args[0]) {
            case "scale" -> scale(MqttLibrary.named(args[1]), args[1], port(args[2]), Integer.parseInt(args[3]),
                    new ProcessStats(Long.parseLong(args[4])));
            case "echo" -> echo(MqttLibrary.named(args[1]), port(args[2]), Integer.parseInt(args[3]));
            case "console" -> console(MqttLibrary.named(args[1]), args[1], port(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                    new ProcessStats(Long.parseLong(args[7])), new ProcessStats(Long.parseLong(args[8])));
            case "cold" -> cold(args[1], port(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static int port(String text) {
        return Integer.parseInt(text);
    }

    // ---- a. many clients in one JVM -------------------------------------------------------------

    private static void scale(MqttLibrary library, String name, int port, int count, ProcessStats broker) throws Exception {
        AtomicInteger delivered = new AtomicInteger();
        CountDownLatch allDelivered = new CountDownLatch(count);
        List<MqttLibrary.Client> clients = new ArrayList<>();
        // the first client loads the library's classes and starts its shared threads: the figures
        // per client are the difference between one client and N, divided by N - 1
        clients.add(connectAndSubscribe(library, "scale-0", port, "scale/0", delivered, allDelivered).get(WAIT_SECONDS, TimeUnit.SECONDS));
        Footprint one = Footprint.measure();

        long brokerCpuBefore = broker.cpuNanos();
        long ownCpuBefore = ProcessStats.ownCpuNanos();
        long start = System.nanoTime();
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        List<CompletableFuture<MqttLibrary.Client>> pending = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (!inFlight.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("connects stalled at " + i);
            }
            CompletableFuture<MqttLibrary.Client> client = connectAndSubscribe(library, "scale-" + i, port, "scale/" + i, delivered, allDelivered);
            client.whenComplete((c, failure) -> inFlight.release());
            pending.add(client);
        }
        for (CompletableFuture<MqttLibrary.Client> client : pending) {
            clients.add(client.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        long connectNanos = System.nanoTime() - start;
        long ownCpu = ProcessStats.ownCpuNanos() - ownCpuBefore;
        long brokerCpu = broker.cpuNanos() - brokerCpuBefore;
        Footprint all = Footprint.measure();

        // proof that every subscription is live: one message to each topic, from the first client,
        // all at once; a library that refuses some (Paho, beyond the broker's Receive Maximum)
        // has those sent again one by one
        byte[] payload = new byte[16];
        List<CompletableFuture<Void>> burst = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            burst.add(clients.get(0).publish("scale/" + i, payload));
        }
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                burst.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (refused.isEmpty()) {
                    System.err.println(name + " refused a publish of the burst: " + e.getCause());
                }
                refused.add(i);
            }
        }
        // only once the burst is acknowledged: before, the library may refuse these again
        for (int i : refused) {
            clients.get(0).publish("scale/" + i, payload).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        allDelivered.await(30, TimeUnit.SECONDS);

        int others = count - 1;
        System.out.printf(Locale.ROOT, "| %s | %d | %,d | %,d | %,d | %.1f | %.2f | %.1f | %.1f / %d / %.1f | %d/%d | %d |%n",
                name, count, connectNanos / 1_000_000, ownCpu / 1_000_000, brokerCpu / 1_000_000,
                (all.heapBytes - one.heapBytes) / 1024.0 / others, (all.threads - one.threads) / (double) others,
                (all.rssKiB - one.rssKiB) / (double) others,
                all.heapBytes / 1048576.0, all.threads, all.rssKiB / 1024.0,
                delivered.get(), count, refused.size());
        clients.forEach(MqttLibrary.Client::close);
    }

    private static CompletableFuture<MqttLibrary.Client> connectAndSubscribe(MqttLibrary library, String id, int port,
            String topic, AtomicInteger delivered, CountDownLatch allDelivered) {
        return library.connect(id, HOST, port, (t, payload) -> {
            delivered.incrementAndGet();
            allDelivered.countDown();
        }).thenCompose(client -> client.subscribe(topic).thenApply(done -> client));
    }

    /** Heap after full collections, live threads and RSS of this JVM. */
    private record Footprint(long heapBytes, int threads, long rssKiB) {
        static Footprint measure() throws InterruptedException {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            return new Footprint(memory.getHeapMemoryUsage().getUsed(), ManagementFactory.getThreadMXBean().getThreadCount(),
                    ProcessStats.self().rssKiB());
        }
    }

    // ---- b. one client carrying many streams ----------------------------------------------------

    private static void echo(MqttLibrary library, int port, int topics) throws Exception {
        List<CompletableFuture<MqttLibrary.Client>> pending = new ArrayList<>();
        MqttLibrary.Client[] clients = new MqttLibrary.Client[topics];
        for (int i = 0; i < topics; i++) {
            int index = i;
            String answerTopic = "resp/" + i;
            pending.add(library.connect("echo-" + i, HOST, port, (topic, payload) -> clients[index].publish(answerTopic, payload)
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            System.err.println("echo-" + index + " could not answer: " + failure);
                        }
                    }))
                    .thenCompose(client -> {
                        clients[index] = client;
                        return client.subscribe("req/" + index).thenApply(done -> client);
                    }));
        }
        for (CompletableFuture<MqttLibrary.Client> client : pending) {
            client.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        System.out.println("ready");
        System.out.flush();
        // runs until the script closes stdin; a lost script leaves no echo running for long
        Thread waiter = new Thread(() -> {
            try {
                System.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // closed either way
            }
        });
        waiter.setDaemon(true);
        waiter.start();
        waiter.join(TimeUnit.MINUTES.toMillis(10));
        Arrays.stream(clients).forEach(MqttLibrary.Client::close);
    }

    private static void console(MqttLibrary library, String name, int port, int topics, int window, int warmup, int count,
            ProcessStats broker, ProcessStats echo) throws Exception {
        // set here, read on the library's thread
        AtomicReference<RoundTrips> current = new AtomicReference<>();
        MqttLibrary.Client client = library.connect("console", HOST, port, (topic, payload) -> current.get().answered(payload))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        client.subscribe("resp/+").get(WAIT_SECONDS, TimeUnit.SECONDS);

        current.set(new RoundTrips(0, warmup, window));
        current.get().run(client, topics);

        current.set(new RoundTrips(1, count, window));
        long brokerCpuBefore = broker.cpuNanos();
        long echoCpuBefore = echo.cpuNanos();
        long ownCpuBefore = ProcessStats.ownCpuNanos();
        long start = System.nanoTime();
        current.get().run(client, topics);
        long elapsed = System.nanoTime() - start;
        long ownCpu = ProcessStats.ownCpuNanos() - ownCpuBefore;
        long echoCpu = echo.cpuNanos() - echoCpuBefore;
        long brokerCpu = broker.cpuNanos() - brokerCpuBefore;

        long[] latencies = current.get().latencies.clone();
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %,.0f | %.1f | %.1f | %.1f | %,.0f | %,.0f | %,.0f | %d |%n",
                name, count, window, count * 1e9 / elapsed,
                ownCpu / 1e3 / count, echoCpu / 1e3 / count, brokerCpu / 1e3 / count,
                latencies[count / 2] / 1e3, latencies[(int) (count * 0.99)] / 1e3, latencies[count - 1] / 1e3,
                current.get().failedPublishes.get());
        client.close();
    }

    /** One phase of round trips: a window of requests in flight, spread round-robin over the topics. */
    private static final class RoundTrips {
        final int phase;
        final long[] sentAt;
        final long[] latencies;
        final Semaphore window;
        final CountDownLatch answers;
        final AtomicInteger failedPublishes = new AtomicInteger();
        final AtomicInteger acknowledgedPublishes = new AtomicInteger();

        RoundTrips(int phase, int count, int window) {
            this.phase = phase;
            this.sentAt = new long[count];
            this.latencies = new long[count];
            this.window = new Semaphore(window);
            this.answers = new CountDownLatch(count);
        }

        void run(MqttLibrary.Client client, int topics) throws InterruptedException {
            for (int seq = 0; seq < sentAt.length; seq++) {
                if (!window.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no answer for " + WAIT_SECONDS + " s at request " + seq + " of phase " + phase
                            + ": " + acknowledgedPublishes + " publishes acknowledged, " + failedPublishes + " failed, "
                            + (sentAt.length - answers.getCount()) + " answered");
                }
                byte[] payload = new byte[PAYLOAD_BYTES];
                ByteBuffer.wrap(payload).putInt(phase).putInt(seq);
                sentAt[seq] = System.nanoTime();
                client.publish("req/" + (seq % topics), payload).whenComplete((done, failure) -> {
                    if (failure != null) {
                        failedPublishes.incrementAndGet();
                        window.release();
                    } else {
                        acknowledgedPublishes.incrementAndGet();
                    }
                });
            }
            if (!answers.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(answers.getCount() + " answers missing");
            }
        }

        void answered(byte[] payload) {
            long now = System.nanoTime();
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            if (buffer.getInt() != phase) {
                return;
            }
            int seq = buffer.getInt();
            latencies[seq] = now - sentAt[seq];
            window.release();
            answers.countDown();
        }
    }

    // ---- c. cold start ----------------------------------------------------------------------------

    private static void cold(String name, int port) throws Exception {
        MqttLibrary.Client client = MqttLibrary.named(name).connect("cold", HOST, port, (t, p) -> { })
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        // uptime counts from the JVM's start, before main; the script adds launch to exit
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpu = ProcessStats.ownCpuNanos();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        ProcessStats self = ProcessStats.self();
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %d |",
                name, uptime, cpu / 1_000_000, classes, self.rssKiB() / 1024.0, self.threads());
        client.close();
    }
}
