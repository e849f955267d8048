package outpost.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the console last learnt about one server. An empty value means "not known" (the answer was
 * unreadable or the metric is not sampled): it neither raises nor clears an alert.
 *
 * @param diskPercentByMount use of each file system, by mount point (or drive)
 */
public record Reading(Instant time, boolean reachable, OptionalDouble cpuPercent, OptionalDouble ramPercent,
        Map<String, Double> diskPercentByMount) {

    public Reading {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(cpuPercent, "cpuPercent");
        Objects.requireNonNull(ramPercent, "ramPercent");
        diskPercentByMount = Map.copyOf(diskPercentByMount);
    }

    public static Reading unreachable(Instant time) {
        return new Reading(time, false, OptionalDouble.empty(), OptionalDouble.empty(), Map.of());
    }

    public static Reading of(Instant time, double cpuPercent, double ramPercent, Map<String, Double> disks) {
        return new Reading(time, true, OptionalDouble.of(cpuPercent), OptionalDouble.of(ramPercent), disks);
    }
}
