package outpost.console.ui.internal;

import java.time.Duration;

/**
 * Delays between reconnect attempts: one second, doubled after every failed attempt, never more
 * than the cap, so an agent that stays down costs one short Job now and then, nothing more.
 */
final class ReconnectBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);

    private final Duration cap;
    private int failures;

    ReconnectBackoff(Duration cap) {
        this.cap = cap.compareTo(FIRST) < 0 ? FIRST : cap;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    Duration next() {
        Duration delay = delayAfter(failures, cap);
        failures = Math.min(failures + 1, 62);
        return delay;
    }

    /** After a successful connect the next loss starts again from the first delay. */
    void reset() {
        failures = 0;
    }

    int attempts() {
        return failures;
    }

    static Duration delayAfter(int failures, Duration cap) {
        if (failures >= 31) {
            return cap;
        }
        Duration delay = FIRST.multipliedBy(1L << failures);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
