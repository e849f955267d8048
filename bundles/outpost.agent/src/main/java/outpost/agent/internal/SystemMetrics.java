package outpost.agent.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OperatingSystem;

/**
 * The machine's metrics through OSHI. CPU load and network rates are differences of counters, so
 * a sampler reads them (and the load averages) in the background and {@code cpu} answers at once
 * from the last complete interval: once a second while clients ask for metrics, every 15 seconds
 * otherwise ({@link AdaptiveSampler}). Each figure carries the window it was taken over.
 */
@Component(service = SystemMetrics.class)
public final class SystemMetrics {

    private final ScheduledExecutorService executor;
    /**
     * OSHI and JNA, made on the sampler thread: their 0.3-0.6 s of class loading and /proc parsing
     * then overlap the rest of the agent's start-up (TLS, Netty) instead of preceding it.
     */
    private final CompletableFuture<Oshi> oshi;
    private final AdaptiveSampler sampler;
    // read and written by the sampler thread only
    private long previousNanos;
    private long[] previousTicks;
    private long[][] previousCoreTicks;
    private Map<String, NetworkCounters> previousNetwork;
    private volatile CpuLoad cpuLoad;
    private volatile NetworkLoad networkLoad;
    private final CopyOnWriteArrayList<Runnable> afterEachSample = new CopyOnWriteArrayList<>();

    @Activate
    public SystemMetrics() {
        cpuLoad = new CpuLoad(Double.NaN, new double[0], new double[] { -1, -1, -1 }, Duration.ZERO, Instant.now());
        networkLoad = new NetworkLoad(Map.of(), Duration.ZERO, Instant.now());
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outpost-agent-metrics-sampler");
            thread.setDaemon(true);
            return thread;
        });
        oshi = CompletableFuture.supplyAsync(Oshi::load, executor);
        sampler = new AdaptiveSampler(this::sample, executor::schedule, System::nanoTime);
        executor.execute(() -> { // off the activation path: listing interfaces takes milliseconds
            try {
                readBaseline();
            } finally {
                sampler.start(); // the first window is a whole period, however long OSHI took to load
            }
        });
    }

    /** The first counters, which the first sample (one period later, same thread) compares with. */
    private void readBaseline() {
        CentralProcessor processor = processor();
        previousNanos = System.nanoTime();
        previousTicks = processor.getSystemCpuLoadTicks();
        previousCoreTicks = processor.getProcessorCpuLoadTicks();
        previousNetwork = readNetworkCounters();
    }

    @Deactivate
    public void deactivate() {
        sampler.stop();
        executor.shutdownNow();
        oshi.cancel(false); // never run (shut down first): callers get a CancellationException, not a hang
    }

    private void sample() {
        if (previousNetwork == null) { // the baseline failed: it becomes this sample's job
            readBaseline();
            return;
        }
        CentralProcessor processor = processor();
        long now = System.nanoTime();
        long[] ticks = processor.getSystemCpuLoadTicks();
        long[][] coreTicks = processor.getProcessorCpuLoadTicks();
        Map<String, NetworkCounters> network = readNetworkCounters();
        Duration window = Duration.ofNanos(now - previousNanos);
        Instant at = Instant.now();
        cpuLoad = new CpuLoad(processor.getSystemCpuLoadBetweenTicks(previousTicks, ticks),
                coreTicks.length == previousCoreTicks.length
                        ? processor.getProcessorCpuLoadBetweenTicks(previousCoreTicks, coreTicks)
                        : new double[0], // a core came or went: no per-core figure for this window
                processor.getSystemLoadAverage(3), window, at);
        networkLoad = NetworkLoad.between(previousNetwork, network, window, at);
        previousNanos = now;
        previousTicks = ticks;
        previousCoreTicks = coreTicks;
        previousNetwork = network;
        if (!afterEachSample.isEmpty()) {
            sampler.demand(); // the history samples every second, always
            afterEachSample.forEach(SystemMetrics::runListener);
        }
    }

    /**
     * Runs {@code listener} on the sampler's thread after each sample, and samples every second
     * while any listener is registered (the agent's history and its subscriptions).
     */
    public void afterEachSample(Runnable listener) {
        afterEachSample.add(listener);
        sampler.demand();
    }

    public void removeAfterEachSample(Runnable listener) {
        afterEachSample.remove(listener);
    }

    private static void runListener(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) { // one failing listener must not stop the sampler nor the others
            System.getLogger(SystemMetrics.class.getName()).log(System.Logger.Level.WARNING,
                    "a metrics listener failed", e);
        }
    }

    private Map<String, NetworkCounters> readNetworkCounters() {
        Optional<Map<String, NetworkCounters>> linux = ProcNetDev.read(ProcNetDev.FILE); // one file, not OSHI's 2.4 ms
        if (linux.isPresent()) {
            return linux.get();
        }
        Map<String, NetworkCounters> counters = new HashMap<>();
        for (NetworkIF network : hardware().getNetworkIFs(true)) {
            counters.put(network.getName(), new NetworkCounters(network.getBytesRecv(), network.getBytesSent(),
                    network.getPacketsRecv(), network.getPacketsSent()));
        }
        return counters;
    }

    /** Load over the last sampling window; NaN total until the first window has passed. Asks for fast sampling. */
    public CpuLoad cpuLoad() {
        sampler.demand();
        return cpuLoad;
    }

    /** Each interface's traffic rates over the last sampling window. Asks for fast sampling. */
    public NetworkLoad networkLoad() {
        sampler.demand();
        return networkLoad;
    }

    /** The 1, 5 and 15 minute load averages, read now (negative where the OS has none). Asks for fast sampling. */
    public double[] loadAverages() {
        sampler.demand();
        return processor().getSystemLoadAverage(3);
    }

    /** How often the sampler reads the counters now. */
    public Duration samplingPeriod() {
        return sampler.currentPeriod();
    }

    public CentralProcessor processor() {
        return oshi().processor();
    }

    public HardwareAbstractionLayer hardware() {
        return oshi().hardware();
    }

    public GlobalMemory memory() {
        return hardware().getMemory();
    }

    public OperatingSystem operatingSystem() {
        return oshi().operatingSystem();
    }

    /** The machine's host name as the OS knows it (gethostname), not a reverse DNS lookup. */
    public String hostName() {
        return operatingSystem().getNetworkParams().getHostName();
    }

    /** Waits for OSHI the first time (start-up only), then returns at once. */
    private Oshi oshi() {
        try {
            return oshi.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The OSHI objects the agent uses, made once. */
    private record Oshi(HardwareAbstractionLayer hardware, CentralProcessor processor, OperatingSystem operatingSystem) {

        static Oshi load() {
            SystemInfo systemInfo = new SystemInfo();
            HardwareAbstractionLayer hardware = systemInfo.getHardware();
            OperatingSystem os = systemInfo.getOperatingSystem();
            os.getNetworkParams().getHostName(); // loads JNA's native part now, for the agent's greeting
            return new Oshi(hardware, hardware.getProcessor(), os);
        }
    }

    /**
     * One sample: load fractions between 0 and 1 over {@code window}, which ended at
     * {@code measuredAt}, and the 1, 5 and 15 minute load averages (negative where the OS has none),
     * read with it so {@code cpu} reads no files.
     */
    public record CpuLoad(double total, double[] perCore, double[] loadAverages, Duration window, Instant measuredAt) {
    }

    /** Traffic rates per interface name over {@code window}, which ended at {@code measuredAt}. */
    public record NetworkLoad(Map<String, InterfaceRates> rates, Duration window, Instant measuredAt) {

        static NetworkLoad between(Map<String, NetworkCounters> before, Map<String, NetworkCounters> after, Duration window,
                Instant at) {
            double seconds = window.toNanos() / 1e9;
            Map<String, InterfaceRates> rates = new HashMap<>();
            after.forEach((name, now) -> {
                NetworkCounters then = before.get(name);
                if (then != null && seconds > 0) { // an interface seen once has no rate yet
                    rates.put(name, new InterfaceRates(rate(then.rxBytes, now.rxBytes, seconds),
                            rate(then.txBytes, now.txBytes, seconds), rate(then.rxPackets, now.rxPackets, seconds),
                            rate(then.txPackets, now.txPackets, seconds)));
                }
            });
            return new NetworkLoad(Map.copyOf(rates), window, at);
        }

        /** A counter that went down was reset (interface re-created): no traffic is inferred. */
        private static double rate(long before, long after, double seconds) {
            return after < before ? 0 : (after - before) / seconds;
        }
    }

    /** Bytes and packets per second received and sent by one interface. */
    public record InterfaceRates(double rxBytesPerSecond, double txBytesPerSecond, double rxPacketsPerSecond,
            double txPacketsPerSecond) {
    }

    record NetworkCounters(long rxBytes, long txBytes, long rxPackets, long txPackets) {
    }
}
