package outpost.charts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import outpost.charts.ValueUnit;

class ValueScaleTest {

    private static final double GIB = 1024.0 * 1024 * 1024;

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, ValueScale.niceStep(0.7));
        assertEquals(1, ValueScale.niceStep(1));
        assertEquals(2, ValueScale.niceStep(1.01));
        assertEquals(5, ValueScale.niceStep(3.9));
        assertEquals(10, ValueScale.niceStep(5.5));
        assertEquals(20, ValueScale.niceStep(12.5));
        assertEquals(0.5, ValueScale.niceStep(0.25), 1e-12);
        assertEquals(2000, ValueScale.niceStep(1234));
        assertThrows(IllegalArgumentException.class, () -> ValueScale.niceStep(0));
    }

    @Test
    void percentagesAlwaysSpanZeroToAHundred() {
        ValueScale scale = ValueScale.of(ValueUnit.PERCENT, 3.2, 5);
        assertEquals(100, scale.max());
        assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), scale.ticks());
        assertEquals("40 %", scale.label(40));
        assertEquals(List.of(0.0, 50.0, 100.0), ValueScale.of(ValueUnit.PERCENT, Double.NaN, 3).ticks());
    }

    @Test
    void bytesTickInOneBinaryUnitWithNiceSteps() {
        ValueScale scale = ValueScale.of(ValueUnit.BYTES, 7.3 * GIB, 4);
        assertEquals(2 * GIB, scale.step());
        assertEquals(8 * GIB, scale.max());
        assertEquals(List.of("0 GiB", "2 GiB", "4 GiB", "6 GiB", "8 GiB"), scale.ticks().stream().map(scale::label).toList());
    }

    @Test
    void ratesBelowAKibibyteAndFractionsGetDecimals() {
        ValueScale small = ValueScale.of(ValueUnit.BYTES_PER_SECOND, 700, 4);
        assertEquals(List.of("0 B/s", "200 B/s", "400 B/s", "600 B/s", "800 B/s"), small.ticks().stream().map(small::label).toList());
        ValueScale fractional = ValueScale.of(ValueUnit.BYTES_PER_SECOND, 1.4 * 1024 * 1024, 3);
        assertEquals(List.of("0.0 MiB/s", "0.5 MiB/s", "1.0 MiB/s", "1.5 MiB/s"),
                fractional.ticks().stream().map(fractional::label).toList());
    }

    @Test
    void aKnownCeilingIsTheTopWithNiceTicksUnderIt() {
        ValueScale ram = ValueScale.withCeiling(ValueUnit.BYTES, 2.1 * GIB, 23.5 * GIB, 4);
        assertEquals(23.5 * GIB, ram.max(), "the RAM installed is the top, not 30 or 40 GiB");
        assertEquals(List.of("0 GiB", "10 GiB", "20 GiB"), ram.ticks().stream().map(ram::label).toList());
        ValueScale above = ValueScale.withCeiling(ValueUnit.BYTES, 30 * GIB, 23.5 * GIB, 4);
        assertEquals(30 * GIB, above.max(), "a value above the ceiling is still shown");
        assertEquals(1024, ValueScale.withCeiling(ValueUnit.BYTES, Double.NaN, Double.NaN, 4).max());
    }

    @Test
    void anIdleOrEmptyChartOfBytesSpansOneKibibyte() {
        assertEquals(1024, ValueScale.of(ValueUnit.BYTES_PER_SECOND, 0, 4).max());
        assertEquals(1024, ValueScale.of(ValueUnit.BYTES, Double.NaN, 4).max());
    }

    @Test
    void valuesMapToPixelRowsAndBack() {
        ValueScale scale = ValueScale.of(ValueUnit.PERCENT, 50, 4); // 0..100
        // a plot 101 pixels high from row 10: 100 % at row 10, 0 % at row 110
        assertEquals(110, scale.toPixel(0, 10, 101));
        assertEquals(10, scale.toPixel(100, 10, 101));
        assertEquals(60, scale.toPixel(50, 10, 101));
        assertEquals(50.0, scale.toValue(60, 10, 101), 1e-9);
        assertEquals(10, scale.toPixel(250, 10, 101), "values above the axis stay at its top");
        assertEquals(110, scale.toPixel(-5, 10, 101), "negative values stay at its bottom");
    }
}
