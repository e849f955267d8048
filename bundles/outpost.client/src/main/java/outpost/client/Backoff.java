package outpost.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Delays between reconnect attempts to one agent: the first delay after the first failure, doubled
 * after every further failure, never more than the cap; a success starts over. The console's
 * reconnects and the Server Explorer's retries both count this way. Not thread-safe: one per
 * connection, used under its owner's lock or thread.
 */
public final class Backoff {

    private final Duration first;
    private final Duration cap;
    private int failures;

    /**
     * @param first the delay after the first failure (at least a millisecond)
     * @param cap   the longest delay; a cap below {@code first} means {@code first}
     */
    public Backoff(Duration first, Duration cap) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(cap, "cap");
        this.first = first.toMillis() < 1 ? Duration.ofMillis(1) : first;
        this.cap = cap.compareTo(this.first) < 0 ? this.first : cap;
    }

    /** Counts one more failure and returns the delay before the next attempt. */
    public Duration next() {
        failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
        return delayAfter(failures);
    }

    /** A success: the next failure waits the first delay again. */
    public void reset() {
        failures = 0;
    }

    /** Failures counted since the last success. */
    public int failures() {
        return failures;
    }

    /** The delay after {@code count} failures in a row (the first delay for 1 or less). */
    public Duration delayAfter(int count) {
        Duration delay = first;
        for (int i = 1; i < count && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
