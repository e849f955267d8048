package outpost.agent.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The metric commands' numbers must read exactly as they did with String.format. */
class DecimalsTest {

    @Test
    void matchesTheFormatterOnRandomAndEdgeValues() {
        SplittableRandom random = new SplittableRandom(42);
        double[] edges = { 0, -0.0, 0.05, 0.15, 0.25, 0.35, 1.005, 2.675, -0.04, -0.05, -1.25, 99.95, 99.949999,
                1e-9, 123456789.987654, Double.MAX_VALUE / 1e290, Double.MIN_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
        for (int places = 0; places <= 3; places++) {
            for (double value : edges) {
                assertSame(value, places);
            }
            for (int i = 0; i < 20_000; i++) {
                double value = switch (i % 4) {
                    case 0 -> random.nextDouble(); // fractions, as CPU loads are
                    case 1 -> random.nextDouble(-100, 100);
                    case 2 -> random.nextInt(10_000) / 1000.0; // exact ties in decimal text
                    default -> random.nextDouble(0, 1e12);
                };
                assertSame(value, places);
            }
        }
    }

    @Test
    void writesMillisecondsAsSecondsWithOneDecimal() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long millis = i < 5_000 ? i : random.nextLong(0, 10_000_000_000L);
            assertEquals(String.format(Locale.ROOT, "%.1f", millis / 1000.0), Decimals.tenths(millis), () -> millis + " ms");
        }
        assertEquals("-0.1", Decimals.tenths(-50));
    }

    @Test
    void padsClockFieldsToTwoDigits() {
        for (long value = 0; value < 120; value++) {
            assertEquals(String.format(Locale.ROOT, "%02d", value), Decimals.twoDigits(value));
        }
    }

    private static void assertSame(double value, int places) {
        String expected = String.format(Locale.ROOT, "%." + places + "f", value);
        assertEquals(expected, Decimals.fixed(value, places), () -> "value " + value + " with " + places + " places");
    }
}
