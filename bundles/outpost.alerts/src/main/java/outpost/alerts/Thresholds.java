package outpost.alerts;

import java.time.Duration;
import java.util.Objects;

/**
 * When a server is in trouble: CPU above {@code cpuPercent} for {@code cpuFor} (a short spike is
 * normal), RAM above {@code ramPercent}, any file system above {@code diskPercent}, or the agent
 * unreachable for more than {@code unreachableFor}.
 */
public record Thresholds(double cpuPercent, Duration cpuFor, double ramPercent, double diskPercent,
        Duration unreachableFor) {

    /** The preferences' defaults: what most fleets want before anyone tunes anything. */
    public static final Thresholds DEFAULTS = new Thresholds(90, Duration.ofMinutes(5), 90, 90, Duration.ofSeconds(60));

    /** @throws IllegalArgumentException with a message for users when a value is out of range */
    public Thresholds {
        checkPercent("CPU", cpuPercent);
        checkPercent("RAM", ramPercent);
        checkPercent("disk", diskPercent);
        checkDuration("CPU duration", cpuFor);
        checkDuration("unreachable time", unreachableFor);
    }

    private static void checkPercent(String what, double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException(what + " threshold must be above 0 and at most 100 %, not " + percent);
        }
    }

    private static void checkDuration(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, not " + duration);
        }
    }

    /** The threshold that the value of an alert of this kind is compared with (seconds for UNREACHABLE). */
    public double limit(AlertKind kind) {
        return switch (kind) {
            case CPU -> cpuPercent;
            case RAM -> ramPercent;
            case DISK -> diskPercent;
            case UNREACHABLE -> unreachableFor.toMillis() / 1000.0;
        };
    }
}
