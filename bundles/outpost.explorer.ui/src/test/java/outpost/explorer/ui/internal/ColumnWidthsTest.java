package outpost.explorer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ColumnWidthsTest {

    private static final double[] SHARE = { 0.55, 0.45, 0, 0, 0, 0, 0 };

    @Test
    void whenEverythingFitsNameAndHostGetTheirTextAndShareTheSpareRoom() {
        int[] natural = { 100, 80, 60, 170, 70, 70, 80 };
        int[] widths = ColumnWidths.fit(650, natural, SHARE);
        assertArrayEquals(new int[] { 111, 89, 60, 170, 70, 70, 80 }, widths);
        assertTrue(Arrays.stream(widths).sum() <= 650, "every column is visible");
    }

    @Test
    void aShortHostLeavesItsShareToTheNameSoTheNameIsNotCut() {
        // 590 px as the explorer has at the default window size; names of 140 px, hosts of 80
        int[] natural = { 140, 80, 50, 110, 65, 65, 80 };
        int[] widths = ColumnWidths.fit(590, natural, SHARE);
        assertArrayEquals(new int[] { 140, 80, 50, 110, 65, 65, 80 }, widths);
    }

    @Test
    void whenTooNarrowTheNameGetsWhatTheHostDoesNotNeed() {
        int[] natural = { 300, 80, 50, 110, 65, 65, 80 };
        int[] widths = ColumnWidths.fit(590, natural, SHARE);
        assertArrayEquals(new int[] { 140, 80, 50, 110, 65, 65, 80 }, widths, "the name takes the rest, cut");
    }

    @Test
    void whenBothNeedMoreThanTheirShareTheyShareTheRest() {
        int[] natural = { 300, 300, 50, 110, 65, 65, 80 };
        int[] widths = ColumnWidths.fit(590, natural, SHARE);
        assertArrayEquals(new int[] { 121, 99, 50, 110, 65, 65, 80 }, widths);
    }

    @Test
    void aNarrowViewGivesNameAndHostTheirLeastWidth() {
        int[] natural = { 100, 0, 60, 170, 70, 70, 80 };
        int[] widths = ColumnWidths.fit(300, natural, SHARE);
        assertArrayEquals(new int[] { ColumnWidths.LEAST_SHARED, ColumnWidths.LEAST_SHARED, 60, 170, 70, 70, 80 }, widths);
    }
}
