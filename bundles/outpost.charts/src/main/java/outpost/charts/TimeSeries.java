package outpost.charts;

import java.util.Arrays;

/**
 * One line of a chart: samples of (time, value) in time order, at most {@code capacity} of them
 * (the oldest go first). A NaN value is a missing sample, drawn as a gap (the agent was
 * unreachable). Thread-safe: a poller adds while the chart reads.
 */
public final class TimeSeries {

    /** Samples copied out of a series: {@code count} times (epoch milliseconds) and values, oldest first. */
    public record Samples(long[] times, double[] values, int count) {

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
    }

    private final String name;
    private final int capacity;
    private long[] times = new long[16];
    private double[] values = new double[16];
    private int first;
    private int size;
    private boolean hasValues;

    public TimeSeries(String name, int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a series holds at least 2 samples: " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
    }

    public String name() {
        return name;
    }

    /**
     * Adds a sample. One older than the newest is dropped (the clock went back): a series stays in
     * time order so that a chart finds a range by bisection.
     */
    public synchronized void add(long epochMillis, double value) {
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
        size++;
        hasValues |= !Double.isNaN(value);
    }

    /** Marks that no value exists from this moment on (until the next sample): the line stops here. */
    public void addGap(long epochMillis) {
        add(epochMillis, Double.NaN);
    }

    /** The samples from {@code from} to {@code to}, with the one before and the one after so lines reach the edges. */
    public synchronized Samples between(long from, long to) {
        int begin = Math.max(0, firstAtOrAfter(from) - 1);
        int end = Math.min(size, firstAtOrAfter(to + 1) + 1);
        int count = Math.max(0, end - begin);
        long[] t = new long[count];
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = times[index(begin + i)];
            v[i] = values[index(begin + i)];
        }
        return new Samples(t, v, count);
    }

    /** The newest value, NaN when there is none or the newest sample is a gap. */
    public synchronized double latestValue() {
        return size == 0 ? Double.NaN : values[index(size - 1)];
    }

    /** The newest sample's time, or -1 when there is none. */
    public synchronized long latestTime() {
        return size == 0 ? -1 : times[index(size - 1)];
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
        for (int i = 0; i < size; i++) {
            t[i] = times[index(i)];
            v[i] = values[index(i)];
        }
        times = t;
        values = v;
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
