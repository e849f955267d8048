package outpost.charts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import outpost.charts.ValueUnit;

class UnitFormatTest {

    @Test
    void bytesUseTheLargestBinaryPrefixBelowTheValue() {
        assertEquals("0 B", ValueUnit.BYTES.format(0));
        assertEquals("1023 B", ValueUnit.BYTES.format(1023));
        assertEquals("1.0 KiB", ValueUnit.BYTES.format(1024));
        assertEquals("512 KiB", ValueUnit.BYTES.format(512 * 1024));
        assertEquals("12.5 MiB", ValueUnit.BYTES.format(12.5 * 1024 * 1024));
        assertEquals("3.1 GiB", ValueUnit.BYTES.format(3.1 * 1024 * 1024 * 1024));
        assertEquals("2.0 TiB", ValueUnit.BYTES.format(2.0 * 1024 * 1024 * 1024 * 1024));
    }

    @Test
    void ratesArePerSecondAndPercentagesHaveOneDecimal() {
        assertEquals("1.5 MiB/s", ValueUnit.BYTES_PER_SECOND.format(1.5 * 1024 * 1024));
        assertEquals("300 B/s", ValueUnit.BYTES_PER_SECOND.format(300));
        assertEquals("12.5 %", ValueUnit.PERCENT.format(12.46));
        assertEquals("n/a", ValueUnit.PERCENT.format(Double.NaN));
    }

    @Test
    void tickLabelsHaveTheDecimalsTheirStepNeeds() {
        assertEquals("2", UnitFormat.tick(2, 1));
        assertEquals("1.5", UnitFormat.tick(1.5, 0.5));
        assertEquals("0.25", UnitFormat.tick(0.25, 0.05));
    }
}
