package outpost.explorer.ui.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SparklineTest {

    @Test
    void valuesGoFromTheBottomToTheTopAndOldestIsAtTheLeft() {
        List<int[]> lines = Sparkline.polylines(new float[] { 0, 50, 100 }, 10, 20, 101, 11);
        assertEquals(1, lines.size());
        assertArrayEquals(new int[] { 10, 30, 60, 25, 110, 20 }, lines.get(0));
    }

    @Test
    void missingSamplesBreakTheLineAndALoneValueStillShows() {
        float nan = Float.NaN;
        List<int[]> lines = Sparkline.polylines(new float[] { 10, 20, nan, nan, 30, nan, 40, 50 }, 0, 0, 8, 101);
        assertEquals(3, lines.size(), "three runs of samples");
        assertEquals(4, lines.get(1).length, "a single sample is a one-pixel line");
        assertEquals(lines.get(1)[0] + 1, lines.get(1)[2]);
    }

    @Test
    void valuesOutsideZeroToHundredStayInTheCellAndNothingIsDrawnWithoutData() {
        int[] line = Sparkline.polylines(new float[] { -5, 130 }, 0, 0, 10, 11).get(0);
        assertEquals(10, line[1]);
        assertEquals(0, line[3]);
        assertEquals(List.of(), Sparkline.polylines(new float[] { Float.NaN, Float.NaN }, 0, 0, 10, 10));
        assertEquals(List.of(), Sparkline.polylines(new float[0], 0, 0, 10, 10));
    }
}
