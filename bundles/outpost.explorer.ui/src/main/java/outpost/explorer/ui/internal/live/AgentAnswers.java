package outpost.explorer.ui.internal.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import outpost.metrics.MetricJson;
import outpost.metrics.MetricSample;

/**
 * Reads the numbers the live columns, the dashboard and the alerts need out of one sample of the
 * agent's {@code watch N cpu,ram,disk,net} (the JSON of docs/METRICS.md, not the human {@code cpu} and
 * {@code ram} texts, which may be reworded). A figure the answer lacks (the CPU while the agent's
 * first window is pending), a value out of range, or an answer that is no sample (an agent too old
 * for {@code metrics}) gives an empty value: the column then shows '?' rather than a wrong number.
 */
public final class AgentAnswers {

    /** The sections of a sample that {@link #read} reads. */
    public static final String SECTIONS = "cpu,ram,disk,net";

    /**
     * What one answer says.
     *
     * @param diskPercents each file system's use in percent, by mount point
     * @param networkBytesPerSecond received and sent together over all interfaces but loopback
     */
    public record Figures(OptionalDouble cpu, OptionalDouble ram, Map<String, Double> diskPercents,
            OptionalDouble networkBytesPerSecond) {
        public static final Figures NONE = new Figures(OptionalDouble.empty(), OptionalDouble.empty(), Map.of(),
                OptionalDouble.empty());

        public Figures {
            diskPercents = Map.copyOf(diskPercents);
        }
    }

    private AgentAnswers() {
    }

    public static Figures read(String answer) {
        MetricSample sample;
        try {
            sample = MetricJson.sample(answer == null ? "" : answer);
        } catch (IllegalArgumentException notASample) {
            return Figures.NONE;
        }
        return figures(sample);
    }

    /** The figures of one sample (of an answer, or of the agent's history). */
    public static Figures figures(MetricSample sample) {
        OptionalDouble cpu = sample.cpu() == null || sample.cpu().totalPercent() == null ? OptionalDouble.empty()
                : percent(sample.cpu().totalPercent());
        OptionalDouble ram = sample.ram() == null || sample.ram().totalBytes() <= 0 ? OptionalDouble.empty()
                : percent(100.0 * sample.ram().usedBytes() / sample.ram().totalBytes());
        Map<String, Double> disks = new LinkedHashMap<>();
        if (sample.disks() != null) {
            for (MetricSample.Disk disk : sample.disks()) {
                if (disk.totalBytes() > 0) {
                    percent(100.0 * disk.usedBytes() / disk.totalBytes()).ifPresent(used -> disks.put(disk.mount(), used));
                }
            }
        }
        return new Figures(cpu, ram, disks, network(sample));
    }

    private static OptionalDouble network(MetricSample sample) {
        if (sample.net() == null) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        boolean any = false;
        for (MetricSample.NetworkRate rate : sample.net()) {
            if (!rate.loopback() && rate.rxBytesPerSecond() >= 0 && rate.txBytesPerSecond() >= 0) {
                sum += rate.rxBytesPerSecond() + rate.txBytesPerSecond();
                any = true;
            }
        }
        return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static OptionalDouble percent(double value) {
        return value >= 0 && value <= 100 ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
