package outpost.agent.internal.history;

import java.time.Duration;

import outpost.metrics.MetricHistory;
import outpost.metrics.MetricRing;
import outpost.metrics.MetricSample;
import outpost.metrics.RollUp;

/**
 * The agent's history in two tiers: every second for the last 10 minutes, every minute (the mean of
 * its seconds) for the last 24 hours. A range that begins within the last 10 minutes is answered
 * by the second, any other by the minute. Kept in memory only: a restart begins with no history.
 */
public final class HistoryTiers {

    static final Duration SECONDS_SPAN = Duration.ofMinutes(10);
    static final Duration MINUTES_SPAN = Duration.ofHours(24);
    /**
     * Series per tier: 128 cores, load, RAM and swap (136) plus 104 for file systems and interfaces
     * (two each): the rings' bound of about 1.9 MiB together (docs/METRICS.md).
     */
    static final int MAX_SERIES = 240;

    private final MetricRing seconds = new MetricRing((int) SECONDS_SPAN.toSeconds(), Duration.ofSeconds(1), MAX_SERIES);
    private final MetricRing minutes = new MetricRing((int) MINUTES_SPAN.toMinutes(), Duration.ofMinutes(1), MAX_SERIES);
    private final RollUp minuteRollUp = new RollUp(Duration.ofMinutes(1));

    /** Keeps a sample; called by the one sampler thread. */
    public void record(MetricSample sample) {
        seconds.put(sample);
        minuteRollUp.add(sample).ifPresent(minutes::put);
    }

    /**
     * The samples between {@code fromMillis} and {@code toMillis}, at one second when the range
     * begins no earlier than 10 minutes before {@code nowMillis}, else at one minute.
     */
    public MetricHistory range(long fromMillis, long toMillis, long nowMillis) {
        boolean recent = fromMillis >= nowMillis - SECONDS_SPAN.toMillis();
        MetricRing ring = recent ? seconds : minutes;
        return new MetricHistory(fromMillis, toMillis, (int) ring.step().toSeconds(), ring.range(fromMillis, toMillis));
    }

    /** The memory both rings take now. */
    public long memoryBytes() {
        return seconds.memoryBytes() + minutes.memoryBytes();
    }

    /** The most memory both rings can take. */
    public long maxMemoryBytes() {
        return seconds.maxMemoryBytes() + minutes.maxMemoryBytes();
    }
}
