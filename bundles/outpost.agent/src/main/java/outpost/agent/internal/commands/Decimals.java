package outpost.agent.internal.commands;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point text for the metric commands, as {@code String.format(Locale.ROOT, "%.Nf")} writes it.
 * Why not the Formatter: on Java 17 every {@code String.format} with a locale builds a
 * DecimalFormatSymbols, which made it the largest cost of answering {@code cpu} (profiled with JFR).
 */
final class Decimals {

    private Decimals() {
    }

    /** {@code value} rounded half-up to {@code places} decimals ("12.3", "-0.5", "NaN", "Infinity"). */
    static String fixed(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        String text = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
        // BigDecimal drops the sign of a negative value that rounds to zero (and of -0.0); the Formatter keeps it.
        boolean negative = Double.doubleToRawLongBits(value) < 0;
        return negative && text.charAt(0) != '-' ? "-" + text : text;
    }

    /**
     * Milliseconds as seconds with one decimal ("1.5"), as {@code %.1f} writes {@code millis / 1000.0};
     * with integers only, as it runs for every {@code cpu} answer.
     */
    static String tenths(long millis) {
        if (millis < 0) {
            return fixed(millis / 1000.0, 1);
        }
        long tenths = (millis + 50) / 100; // half-up, as the Formatter rounds the decimal text
        return tenths / 10 + "." + tenths % 10;
    }

    /** {@code value} with at least two digits ("05"), as {@code %02d} writes it. */
    static String twoDigits(long value) {
        return value >= 0 && value < 10 ? "0" + value : Long.toString(value);
    }
}
