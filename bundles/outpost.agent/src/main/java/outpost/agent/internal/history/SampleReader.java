package outpost.agent.internal.history;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import outpost.agent.internal.SystemMetrics;
import outpost.metrics.Metric;
import outpost.metrics.MetricSample;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSFileStore;

/**
 * Reads a {@link MetricSample} from {@link SystemMetrics}: CPU and network rates of the sampler's
 * last window, load averages read with them, memory and swap now, and each local file system's use
 * now (statvfs on its mount point; the list of mount points, which OSHI reads from /proc and udev
 * at some cost, is read again once a minute).
 */
public final class SampleReader {

    static final long MOUNTS_MAX_AGE_MILLIS = 60_000;

    private final SystemMetrics metrics;
    private final LongSupplier clock;
    private volatile Mounts mounts;

    public SampleReader(SystemMetrics metrics, LongSupplier clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The sections asked for, read now. */
    public MetricSample read(Set<Metric> sections) {
        long now = clock.getAsLong();
        SystemMetrics.CpuLoad cpuLoad = sections.contains(Metric.CPU) || sections.contains(Metric.LOAD) ? metrics.cpuLoad() : null;
        GlobalMemory memory = sections.contains(Metric.RAM) || sections.contains(Metric.SWAP) ? metrics.memory() : null;
        return new MetricSample(now, sections.contains(Metric.CPU) ? cpu(cpuLoad) : null,
                sections.contains(Metric.LOAD) ? load(cpuLoad) : null,
                sections.contains(Metric.RAM) ? new MetricSample.Memory(memory.getTotal() - memory.getAvailable(), memory.getTotal()) : null,
                sections.contains(Metric.SWAP) ? new MetricSample.Memory(memory.getVirtualMemory().getSwapUsed(),
                        memory.getVirtualMemory().getSwapTotal()) : null,
                sections.contains(Metric.DISK) ? disks(now) : null, sections.contains(Metric.NET) ? net() : null);
    }

    private static MetricSample.Cpu cpu(SystemMetrics.CpuLoad load) {
        List<Double> cores = new ArrayList<>(load.perCore().length);
        for (double core : load.perCore()) {
            cores.add(percent(core));
        }
        return new MetricSample.Cpu(Double.isNaN(load.total()) ? null : percent(load.total()), cores);
    }

    private static MetricSample.Load load(SystemMetrics.CpuLoad load) {
        double[] averages = load.loadAverages();
        return averages.length == 3 && averages[0] >= 0
                ? new MetricSample.Load(hundredths(averages[0]), hundredths(averages[1]), hundredths(averages[2]))
                : null; // Windows has none
    }

    private static final Set<String> NOT_DISKS = Set.of("squashfs", "iso9660", "udf", "tmpfs",
            "devtmpfs", "ramfs", "efivarfs");

    private List<MetricSample.Disk> disks(long now) {
        Mounts known = mounts;
        if (known == null || now - known.readAt() > MOUNTS_MAX_AGE_MILLIS || now < known.readAt()) {
            known = new Mounts(localMounts(), now);
            mounts = known;
        }
        List<MetricSample.Disk> disks = new ArrayList<>();
        for (String mount : known.paths()) {
            File root = new File(mount);
            long total = root.getTotalSpace();
            if (total > 0) { // 0: unmounted since the list was read
                disks.add(new MetricSample.Disk(mount, total - root.getFreeSpace(), total));
            }
        }
        return disks;
    }

    private List<String> localMounts() {
        List<String> paths = new ArrayList<>();
        for (OSFileStore store : metrics.operatingSystem().getFileSystem().getFileStores(true)) {
            // pseudo file systems have no size; read-only images are always full and memory file
            // systems hold no data: counted as disks, they would be the "fullest disk" of every machine
            if (store.getTotalSpace() > 0 && !NOT_DISKS.contains(store.getType().toLowerCase(Locale.ROOT))) {
                paths.add(store.getMount());
            }
        }
        return List.copyOf(paths);
    }

    private List<MetricSample.NetworkRate> net() {
        List<MetricSample.NetworkRate> rates = new ArrayList<>();
        new TreeMap<>(metrics.networkLoad().rates()).forEach((name, rate) -> rates.add(
                new MetricSample.NetworkRate(name, tenths(rate.rxBytesPerSecond()), tenths(rate.txBytesPerSecond()))));
        return rates;
    }

    private static double percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0;
    }

    private static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private record Mounts(List<String> paths, long readAt) {
    }
}
