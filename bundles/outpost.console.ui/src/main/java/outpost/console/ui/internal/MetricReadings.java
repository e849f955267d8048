package outpost.console.ui.internal;

import outpost.metrics.MetricJson;
import outpost.metrics.MetricSample;

/**
 * The chart's two percentages from one line of the agent's {@code watch ... cpu,ram} stream (the
 * JSON of docs/METRICS.md, not the human {@code cpu} and {@code ram} answers, which may be
 * reworded); NaN where the sample has no figure (the CPU just after the agent started).
 */
final class MetricReadings {

    private MetricReadings() {
    }

    /**
     * The sample a line holds, timed when it arrived (the console's clock: the chart's axis is the
     * console's time).
     *
     * @throws IllegalArgumentException when the line is not a sample
     */
    static MetricHistory.Sample sample(String jsonLine, long receivedMillis) {
        MetricSample sample = MetricJson.sample(jsonLine);
        return new MetricHistory.Sample(receivedMillis, cpuPercent(sample), ramPercent(sample));
    }

    static double cpuPercent(MetricSample sample) {
        return sample.cpu() == null || sample.cpu().totalPercent() == null ? Double.NaN : sample.cpu().totalPercent();
    }

    static double ramPercent(MetricSample sample) {
        return sample.ram() == null || sample.ram().totalBytes() <= 0 ? Double.NaN
                : 100.0 * sample.ram().usedBytes() / sample.ram().totalBytes();
    }
}
