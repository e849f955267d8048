package outpost.charts;

import java.util.Arrays;

/**
 * One line of a chart: samples of (time, value) in time order, at most {@code capacity} of them
 * (the oldest go first). Each sample knows the step it came at (a minute's mean, a second's
 * reading, a live sample every few seconds), so a line bridges a pause only as long as its own
 * samples' steps allow ({@link #bridgeMillis}): samples of different steps make one line where
 * they meet, and a day of minute samples is a line, not 1,440 dots. A NaN value is a gap marker:
 * nothing is known from there on (the agent went away). Thread-safe: a feed adds while the chart
 * reads.
 */
public final class TimeSeries {

    /**
     * Samples copied out of a series, oldest first: {@code count} times (epoch milliseconds), values
     * and the step each came at (milliseconds).
     */
    public record Samples(long[] times, double[] values, long[] steps, int count) {

        /** The index of the sample nearest to a moment, or -1 if there is none. */
        public int nearest(long epochMillis) {
            if (count == 0) {
                return -1;
            }
            int after = indexAtOrAfter(times, count, epochMillis);
            if (after == count) {
                return count - 1;
            }
            if (after == 0) {
                return 0;
            }
            return epochMillis - times[after - 1] <= times[after] - epochMillis ? after - 1 : after;
        }

        /** Whether a line joins sample {@code index} to the one before it: neither is a gap and the pause is bridged. */
        public boolean joinedToPrevious(int index) {
            return index > 0 && !Double.isNaN(values[index]) && !Double.isNaN(values[index - 1])
                    && times[index] - times[index - 1] <= bridgeMillis(Math.max(steps[index], steps[index - 1]));
        }
    }

    private final String name;
    private final int capacity;
    private final long defaultStepMillis;
    private long[] times = new long[16];
    private double[] values = new double[16];
    /** Milliseconds, in an int (steps up to 24 days): a day of samples then costs a sixth less. */
    private int[] steps = new int[16];
    private int first;
    private int size;
    private boolean hasValues;

    /** @param defaultStepMillis the step of samples added without one ({@link #add(long, double)}) */
    public TimeSeries(String name, int capacity, long defaultStepMillis) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a series holds at least 2 samples: " + capacity);
        }
        if (defaultStepMillis <= 0 || defaultStepMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a step must be positive and under 24 days: " + defaultStepMillis);
        }
        this.name = name;
        this.capacity = capacity;
        this.defaultStepMillis = defaultStepMillis;
    }

    /**
     * The longest pause a line bridges after or before a sample of this step: two and a half steps,
     * so one missing sample (a sampler that drifted, a dropped live sample) does not break it.
     */
    public static long bridgeMillis(long stepMillis) {
        return stepMillis * 5 / 2;
    }

    public String name() {
        return name;
    }

    /** Adds a sample that came at the series' default step. */
    public void add(long epochMillis, double value) {
        add(epochMillis, value, defaultStepMillis);
    }

    /**
     * Adds a sample that came at {@code stepMillis}. One older than the newest is dropped (the
     * clock went back, or it is known already): a series stays in time order so that a chart finds
     * a range by bisection. A sample that fills a trailing gap marker replaces it: what was unknown
     * when the agent went away is known now (a reconnected console asked the agent's history).
     */
    public synchronized void add(long epochMillis, double value, long stepMillis) {
        if (stepMillis <= 0 || stepMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a step must be positive and under 24 days: " + stepMillis);
        }
        if (!Double.isNaN(value) && fillsTrailingGap(epochMillis, stepMillis)) {
            size--;
        }
        if (size > 0 && epochMillis < times[index(size - 1)]) {
            return;
        }
        if (size == times.length && size < capacity) {
            grow();
        }
        if (size == capacity) {
            first = (first + 1) % times.length;
            size--;
        }
        int slot = index(size);
        times[slot] = epochMillis;
        values[slot] = value;
        steps[slot] = (int) stepMillis;
        size++;
        hasValues |= !Double.isNaN(value);
    }

    /**
     * Whether a sample comes after the value before a trailing gap marker and either before the
     * marker or close enough to that value for a line to join them: nothing was missed after all.
     */
    private boolean fillsTrailingGap(long epochMillis, long stepMillis) {
        if (size == 0 || !Double.isNaN(values[index(size - 1)])) {
            return false;
        }
        if (size == 1) {
            return epochMillis <= times[index(0)];
        }
        long before = times[index(size - 2)];
        return epochMillis > before && (epochMillis <= times[index(size - 1)]
                || epochMillis - before <= bridgeMillis(Math.max(stepMillis, steps[index(size - 2)])));
    }

    /**
     * Marks that no value exists from this moment on (until the next sample): the line stops here.
     * A gap is never dropped: one older than the newest sample goes right after it (samples timed
     * by another machine's clock may be a little ahead of this one's).
     */
    public synchronized void addGap(long epochMillis) {
        add(Math.max(epochMillis, latestTime()), Double.NaN, defaultStepMillis);
    }

    /** The samples from {@code from} to {@code to}, with the one before and the one after so lines reach the edges. */
    public synchronized Samples between(long from, long to) {
        int begin = Math.max(0, firstAtOrAfter(from) - 1);
        int end = Math.min(size, firstAtOrAfter(to + 1) + 1);
        int count = Math.max(0, end - begin);
        long[] t = new long[count];
        double[] v = new double[count];
        long[] s = new long[count];
        for (int i = 0; i < count; i++) {
            int slot = index(begin + i);
            t[i] = times[slot];
            v[i] = values[slot];
            s[i] = steps[slot];
        }
        return new Samples(t, v, s, count);
    }

    /** The newest value, NaN when there is none or the newest sample is a gap. */
    public synchronized double latestValue() {
        return size == 0 ? Double.NaN : values[index(size - 1)];
    }

    /** The newest sample's time, or -1 when there is none. */
    public synchronized long latestTime() {
        return size == 0 ? -1 : times[index(size - 1)];
    }

    /**
     * Whether the newest value is still current at {@code now}: not a gap, and no older than a line
     * would bridge after it (else the agent fell silent, and its last value is not vouched for).
     */
    public synchronized boolean isCurrent(long now) {
        if (size == 0) {
            return false;
        }
        int slot = index(size - 1);
        return !Double.isNaN(values[slot]) && times[slot] >= now - bridgeMillis(steps[slot]);
    }

    /** Whether a value (not a gap) was ever added: a chart without any says "No data yet". */
    public synchronized boolean hasValues() {
        return hasValues;
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    private int index(int logical) {
        return (first + logical) % times.length;
    }

    /** The logical index of the first sample at or after a moment ({@code size} if none), by bisection over the ring. */
    private int firstAtOrAfter(long epochMillis) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[index(middle)] < epochMillis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void grow() {
        int length = Math.min(capacity, times.length * 2);
        long[] t = new long[length];
        double[] v = new double[length];
        int[] s = new int[length];
        for (int i = 0; i < size; i++) {
            t[i] = times[index(i)];
            v[i] = values[index(i)];
            s[i] = steps[index(i)];
        }
        times = t;
        values = v;
        steps = s;
        first = 0;
    }

    private static int indexAtOrAfter(long[] sorted, int count, long epochMillis) {
        int found = Arrays.binarySearch(sorted, 0, count, epochMillis);
        if (found < 0) {
            return -found - 1;
        }
        while (found > 0 && sorted[found - 1] == epochMillis) {
            found--;
        }
        return found;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " samples)";
    }
}
