package outpost.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} steps of samples (600 seconds, 1,440 minutes), one sample per step,
 * kept in primitive arrays so its memory is known and bounded: a float per figure and step (about
 * seven significant digits, plenty for a chart), a long per step for the time. A slot belongs to
 * the step its time falls in; a step with no sample (the agent stopped, or a sampler that fell
 * behind) is a gap, skipped by {@link #range}. Figures are kept per named series (a core, a file
 * system, an interface): at most {@code maxSeries}; a new one past that is not kept, and a series
 * absent for a whole ring is dropped (interfaces of containers come and go). Thread-safe.
 */
public final class MetricRing {

    private static final long EMPTY = Long.MIN_VALUE;

    private final int capacity;
    private final long stepMillis;
    private final int maxSeries;
    private final long[] times;
    private final long[] steps;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private long latestStep = EMPTY;

    public MetricRing(int capacity, Duration step, int maxSeries) {
        if (capacity <= 0 || step.toMillis() <= 0 || maxSeries <= 0) {
            throw new IllegalArgumentException("capacity, step and series must be positive");
        }
        this.capacity = capacity;
        this.stepMillis = step.toMillis();
        this.maxSeries = maxSeries;
        this.times = new long[capacity];
        this.steps = new long[capacity];
        Arrays.fill(steps, EMPTY);
    }

    public int capacity() {
        return capacity;
    }

    public Duration step() {
        return Duration.ofMillis(stepMillis);
    }

    /**
     * Keeps the sample in its step's slot, replacing an older step's (or the same step's earlier)
     * sample there. A sample older than the ring's span behind the newest is ignored.
     */
    public synchronized void put(MetricSample sample) {
        long step = Math.floorDiv(sample.time(), stepMillis);
        if (latestStep != EMPTY && step <= latestStep - capacity) {
            return;
        }
        int slot = (int) Math.floorMod(step, (long) capacity);
        times[slot] = sample.time();
        steps[slot] = step;
        latestStep = latestStep == EMPTY ? step : Math.max(latestStep, step);
        // before adding: a series gone for a whole ring makes room for a new one
        for (Iterator<Series> it = series.values().iterator(); it.hasNext();) {
            if (it.next().lastStep <= latestStep - capacity) {
                it.remove();
            }
        }
        Map<String, Double> figures = SampleSeries.flatten(sample);
        for (Series kept : series.values()) {
            kept.values[slot] = Float.NaN;
        }
        figures.forEach((name, value) -> {
            Series kept = series.get(name);
            if (kept == null && series.size() < maxSeries) {
                kept = new Series(capacity);
                series.put(name, kept);
            }
            if (kept != null) {
                kept.values[slot] = value.floatValue();
                kept.lastStep = Math.max(kept.lastStep, step);
            }
        });
    }

    /** The samples whose time is within {@code [fromMillis, toMillis]}, oldest first. */
    public synchronized List<MetricSample> range(long fromMillis, long toMillis) {
        List<MetricSample> samples = new ArrayList<>();
        if (latestStep == EMPTY || toMillis < fromMillis) {
            return samples;
        }
        long first = Math.max(Math.floorDiv(fromMillis, stepMillis), latestStep - capacity + 1);
        long last = Math.min(Math.floorDiv(toMillis, stepMillis), latestStep);
        for (long step = first; step <= last; step++) {
            int slot = (int) Math.floorMod(step, (long) capacity);
            if (steps[slot] != step || times[slot] < fromMillis || times[slot] > toMillis) {
                continue; // a gap
            }
            Map<String, Double> figures = new LinkedHashMap<>();
            series.forEach((name, kept) -> {
                float value = kept.values[slot];
                if (!Float.isNaN(value)) {
                    figures.put(name, asDouble(value));
                }
            });
            samples.add(SampleSeries.unflatten(times[slot], figures));
        }
        return samples;
    }

    /** How many series the ring keeps now. */
    public synchronized int seriesCount() {
        return series.size();
    }

    /**
     * The bytes its arrays take now, headers included (16-byte array headers, as on a 64-bit JVM
     * with compressed pointers), plus a generous 100 bytes per series for its name and map entry.
     */
    public synchronized long memoryBytes() {
        long arrays = 2 * (16 + 8L * capacity);
        long perSeries = 16 + 4L * capacity + 100;
        return arrays + series.size() * perSeries;
    }

    /** The most memory a ring of this shape can take, with all its series. */
    public long maxMemoryBytes() {
        return 2 * (16 + 8L * capacity) + maxSeries * (16 + 4L * capacity + 100);
    }

    /**
     * 0.1f read back as 0.1, not 0.10000000149: the shortest decimal that is the float. From 2^24
     * on, floats are whole numbers (bytes), read back exactly (2^34 stays 17179869184).
     */
    private static double asDouble(float value) {
        return Math.abs(value) >= 0x1p24f ? value : Double.parseDouble(Float.toString(value));
    }

    private static final class Series {
        final float[] values;
        long lastStep = EMPTY;

        Series(int capacity) {
            values = new float[capacity];
            Arrays.fill(values, Float.NaN);
        }
    }
}
