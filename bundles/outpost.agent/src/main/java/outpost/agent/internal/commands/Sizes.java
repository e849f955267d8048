package outpost.agent.internal.commands;

/** Human-readable byte counts in binary units (KiB, MiB, GiB...). */
final class Sizes {

    private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };

    private Sizes() {
    }

    static String binary(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return Decimals.fixed(value, 1) + " " + UNITS[unit];
    }

    static String percent(long part, long whole) {
        return whole <= 0 ? "n/a" : Decimals.fixed(100.0 * part / whole, 1) + " %";
    }
}
