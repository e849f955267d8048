package outpost.console.ui.internal;

import java.util.Arrays;

/**
 * The last samples of an agent's CPU and RAM use, oldest first, in a fixed ring: a console open
 * for days holds as little as one open for a minute. Percentages; NaN where a value was missing.
 * Thread-safe (the poller adds, the chart reads).
 */
final class MetricHistory {

    /** One sample: when, CPU percent, RAM percent. */
    record Sample(long epochMillis, double cpu, double ram) {
    }

    private final Sample[] ring;
    private int next;
    private int size;

    MetricHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        ring = new Sample[capacity];
    }

    synchronized void add(Sample sample) {
        ring[next] = sample;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** The samples held, oldest first. */
    synchronized Sample[] samples() {
        Sample[] copy = new Sample[size];
        int start = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            copy[i] = ring[(start + i) % ring.length];
        }
        return copy;
    }

    int capacity() {
        return ring.length;
    }

    synchronized Sample latest() {
        return size == 0 ? null : ring[(next - 1 + ring.length) % ring.length];
    }

    @Override
    public synchronized String toString() {
        return Arrays.toString(samples());
    }
}
