package outpost.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The machine's figures at one moment, as the agent's {@code metrics}, {@code watch} and
 * {@code history} answers carry them (docs/METRICS.md). A section the request did not ask for, or
 * that the agent cannot measure yet, is null and absent from the JSON form.
 *
 * @param time  when the figures were read, milliseconds since the epoch (UTC)
 * @param cpu   CPU use over the sampler's last window
 * @param load  the 1, 5 and 15 minute load averages (null where the OS has none: Windows)
 * @param ram   physical memory
 * @param swap  swap space
 * @param disks use of each local file system, by mount point
 * @param net   traffic rates of each network interface over the sampler's last window
 */
public record MetricSample(long time, Cpu cpu, Load load, Memory ram, Memory swap, List<Disk> disks,
        List<NetworkRate> net) {

    public MetricSample {
        disks = disks == null ? null : List.copyOf(disks);
        net = net == null ? null : List.copyOf(net);
    }

    /** This sample with only the sections of {@code metrics} (the others null). */
    public MetricSample only(Set<Metric> metrics) {
        return new MetricSample(time, metrics.contains(Metric.CPU) ? cpu : null,
                metrics.contains(Metric.LOAD) ? load : null, metrics.contains(Metric.RAM) ? ram : null,
                metrics.contains(Metric.SWAP) ? swap : null, metrics.contains(Metric.DISK) ? disks : null,
                metrics.contains(Metric.NET) ? net : null);
    }

    /**
     * CPU use in percent (0-100) over the sampler's last window.
     *
     * @param totalPercent   all cores together; null before the first window has passed
     * @param perCorePercent each logical core in order; empty when unknown
     */
    public record Cpu(Double totalPercent, List<Double> perCorePercent) {

        public Cpu {
            perCorePercent = perCorePercent == null ? List.of() : List.copyOf(perCorePercent);
        }
    }

    /** Load averages over 1, 5 and 15 minutes (runnable and waiting tasks, not percent). */
    public record Load(double m1, double m5, double m15) {
    }

    /** Bytes in use and in all (RAM: in use = total minus available). */
    public record Memory(long usedBytes, long totalBytes) {
    }

    /** One file system: bytes in use (total minus free) and in all. */
    public record Disk(String mount, long usedBytes, long totalBytes) {
    }

    /** One network interface: bytes per second received and sent. */
    public record NetworkRate(String name, double rxBytesPerSecond, double txBytesPerSecond) {

        /**
         * Whether this is the loopback interface (Linux "lo", BSD and macOS "lo0", Windows "Loopback
         * Pseudo-Interface 1"), whose traffic never leaves the machine.
         */
        public boolean loopback() {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.matches("lo\\d*") || lower.startsWith("loopback");
        }
    }
}
