package outpost.metrics;

import java.util.List;

/**
 * A stretch of the agent's history, the {@code history} answer: samples between {@code from} and
 * {@code to} (milliseconds since the epoch), one per {@code stepSeconds} where the agent sampled; a
 * time with no sample (the agent was stopped, or not yet started) is a gap, simply missing.
 */
public record MetricHistory(long from, long to, int stepSeconds, List<MetricSample> samples) {

    public MetricHistory {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }
}
