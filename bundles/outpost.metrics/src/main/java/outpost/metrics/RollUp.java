package outpost.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Averages the samples of each step (a minute of one-second samples) into one sample timed at the
 * step's start: every figure is the mean of the samples that had it. The step's average comes out
 * when the first sample of a later step arrives, so a minute in which sampling stopped is still
 * kept, late. Not thread-safe: one sampler feeds it.
 */
public final class RollUp {

    private final long stepMillis;
    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private long step = Long.MIN_VALUE;

    public RollUp(Duration step) {
        this.stepMillis = step.toMillis();
    }

    /** Adds a sample; returns the previous step's average when this sample begins a later step. */
    public Optional<MetricSample> add(MetricSample sample) {
        long sampleStep = Math.floorDiv(sample.time(), stepMillis);
        Optional<MetricSample> done = Optional.empty();
        if (sampleStep != step) {
            done = average();
            sums.clear();
            step = sampleStep;
        }
        SampleSeries.flatten(sample).forEach((name, value) -> {
            double[] sum = sums.computeIfAbsent(name, n -> new double[2]);
            sum[0] += value;
            sum[1]++;
        });
        return done;
    }

    private Optional<MetricSample> average() {
        if (sums.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((name, sum) -> means.put(name, sum[0] / sum[1]));
        return Optional.of(SampleSeries.unflatten(step * stepMillis, means));
    }
}
