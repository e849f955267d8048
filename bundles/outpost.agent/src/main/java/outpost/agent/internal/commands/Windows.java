package outpost.agent.internal.commands;

import java.time.Duration;
import java.time.Instant;

/** Says over which window a sampled figure was taken: "over 1.0 s, 0.4 s ago". */
final class Windows {

    private Windows() {
    }

    static String describe(Duration window, Instant measuredAt) {
        double age = Math.max(0, Duration.between(measuredAt, Instant.now()).toMillis() / 1000.0);
        return "over " + Decimals.fixed(window.toMillis() / 1000.0, 1) + " s, " + Decimals.fixed(age, 1) + " s ago";
    }
}
