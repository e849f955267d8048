package outpost.agent.internal.commands;

import java.time.Duration;
import java.time.Instant;

/** Says over which window a sampled figure was taken: "over 1.0 s, 0.4 s ago". */
final class Windows {

    private Windows() {
    }

    static String describe(Duration window, Instant measuredAt) {
        long ageMillis = Math.max(0, System.currentTimeMillis() - measuredAt.toEpochMilli());
        return "over " + Decimals.tenths(window.toMillis()) + " s, " + Decimals.tenths(ageMillis) + " s ago";
    }
}
