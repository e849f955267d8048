package outpost.explorer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ColumnWidthsTest {

    private static final int[] NATURAL = { 100, 0, 60, 170, 70, 70, 80 };
    private static final double[] SHARE = { 0.55, 0.45, 0, 0, 0, 0, 0 };

    @Test
    void shortValueColumnsKeepTheirWidthAndNameAndHostShareTheRest() {
        int[] widths = ColumnWidths.fit(650, NATURAL, SHARE);
        assertArrayEquals(new int[] { 110, 90, 60, 170, 70, 70, 80 }, widths);
        assertTrue(Arrays.stream(widths).sum() <= 650, "every column is visible");
    }

    @Test
    void aNarrowViewGivesNameAndHostTheirLeastWidth() {
        int[] widths = ColumnWidths.fit(300, NATURAL, SHARE);
        assertArrayEquals(new int[] { ColumnWidths.LEAST_SHARED, ColumnWidths.LEAST_SHARED, 60, 170, 70, 70, 80 }, widths);
    }
}
