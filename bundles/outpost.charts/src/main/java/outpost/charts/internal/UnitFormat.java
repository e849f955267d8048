package outpost.charts.internal;

import java.util.Locale;

/** Numbers with units as people write them: one decimal for small values, binary prefixes for bytes. */
public final class UnitFormat {

    /** Binary prefixes by power of 1024: bytes, KiB, MiB, GiB, TiB, PiB. */
    static final String[] BINARY_UNITS = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };

    private UnitFormat() {
    }

    public static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value);
    }

    /** Bytes with the largest binary prefix that keeps the number at least 1, e.g. "3.1 GiB", "512 B". */
    public static String binary(double bytes) {
        int power = binaryPower(Math.abs(bytes));
        double scaled = bytes / Math.pow(1024, power);
        if (power == 0) {
            return Math.round(scaled) + " B";
        }
        // three significant digits at most: 1.5 GiB, 12.3 MiB, 512 KiB
        return String.format(Locale.ROOT, Math.abs(scaled) < 100 ? "%.1f %s" : "%.0f %s", scaled, BINARY_UNITS[power]);
    }

    /** The power of 1024 whose prefix suits a magnitude: 0 below 1 KiB, 1 below 1 MiB, ... */
    static int binaryPower(double magnitude) {
        int power = 0;
        while (power < BINARY_UNITS.length - 1 && magnitude >= Math.pow(1024, power + 1)) {
            power++;
        }
        return power;
    }

    /** A tick value (already divided by its prefix) with as many decimals as the step needs. */
    static String tick(double scaledValue, double scaledStep) {
        int decimals = 0;
        double step = scaledStep;
        while (decimals < 3 && Math.abs(step - Math.rint(step)) > 1e-9) {
            step *= 10;
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", scaledValue);
    }
}
