package outpost.explorer.ui.internal.live;

import java.util.OptionalDouble;

import outpost.metrics.MetricJson;
import outpost.metrics.MetricSample;

/**
 * Reads the numbers the live columns need out of the agent's answer to {@code metrics cpu,ram}
 * (the JSON of docs/METRICS.md, not the human {@code cpu} and {@code ram} texts, which may be
 * reworded). A figure the answer lacks (the CPU while the agent's first window is pending), a value
 * out of range, or an answer that is no sample (an agent too old for {@code metrics}) gives an
 * empty value: the column then shows '?' rather than a wrong number.
 */
public final class AgentAnswers {

    /** The command whose answer {@link #read} reads. */
    public static final String COMMAND = "metrics cpu,ram";

    /** CPU and RAM in use, in percent. */
    public record Percentages(OptionalDouble cpu, OptionalDouble ram) {
        public static final Percentages NONE = new Percentages(OptionalDouble.empty(), OptionalDouble.empty());
    }

    private AgentAnswers() {
    }

    public static Percentages read(String answer) {
        MetricSample sample;
        try {
            sample = MetricJson.sample(answer == null ? "" : answer);
        } catch (IllegalArgumentException notASample) {
            return Percentages.NONE;
        }
        OptionalDouble cpu = sample.cpu() == null || sample.cpu().totalPercent() == null ? OptionalDouble.empty()
                : percent(sample.cpu().totalPercent());
        OptionalDouble ram = sample.ram() == null || sample.ram().totalBytes() <= 0 ? OptionalDouble.empty()
                : percent(100.0 * sample.ram().usedBytes() / sample.ram().totalBytes());
        return new Percentages(cpu, ram);
    }

    private static OptionalDouble percent(double value) {
        return value >= 0 && value <= 100 ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
