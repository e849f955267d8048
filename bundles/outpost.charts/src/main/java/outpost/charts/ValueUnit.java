package outpost.charts;

import outpost.charts.internal.UnitFormat;

/** What a chart's values measure, which decides the value axis's ticks and how values are written. */
public enum ValueUnit {
    /** Percent, 0 to 100: the axis always shows the whole range. */
    PERCENT(""),
    /** Bytes, written with binary prefixes (KiB, MiB, GiB). */
    BYTES(""),
    /** Bytes per second, written with binary prefixes and "/s". */
    BYTES_PER_SECOND("/s");

    private final String suffix;

    ValueUnit(String suffix) {
        this.suffix = suffix;
    }

    /** A value as a person reads it, e.g. "12.5 %", "3.1 GiB", "512 KiB/s"; "n/a" for NaN. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return this == PERCENT ? UnitFormat.percent(value) : UnitFormat.binary(value) + suffix;
    }

    /** What is appended to every binary value ("/s" for rates). */
    public String suffix() {
        return suffix;
    }
}
