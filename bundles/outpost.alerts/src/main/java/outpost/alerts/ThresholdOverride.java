package outpost.alerts;

import java.time.Duration;

/**
 * The thresholds a group or a server sets differently from the defaults; a null field keeps the
 * value it overrides. A database server may run at 95 % RAM on purpose; a build group may burn CPU.
 */
public record ThresholdOverride(Double cpuPercent, Integer cpuMinutes, Double ramPercent, Double diskPercent,
        Integer unreachableSeconds) {

    public static final ThresholdOverride NONE = new ThresholdOverride(null, null, null, null, null);

    /** These overrides laid over {@code base}; validated as a whole. */
    public Thresholds applyTo(Thresholds base) {
        return new Thresholds(
                cpuPercent != null ? cpuPercent : base.cpuPercent(),
                cpuMinutes != null ? Duration.ofMinutes(cpuMinutes) : base.cpuFor(),
                ramPercent != null ? ramPercent : base.ramPercent(),
                diskPercent != null ? diskPercent : base.diskPercent(),
                unreachableSeconds != null ? Duration.ofSeconds(unreachableSeconds) : base.unreachableFor());
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
