package outpost.explorer.ui.internal.live;

import java.time.Duration;

/** Delays between reconnect attempts: doubling from a first delay, never above a cap. */
public record Backoff(Duration first, Duration cap) {

    /** The delay before attempt {@code failures + 1}, after {@code failures} failed attempts (at least 1). */
    public Duration delayAfter(int failures) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
