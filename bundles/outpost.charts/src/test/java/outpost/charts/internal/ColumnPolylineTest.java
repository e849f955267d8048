package outpost.charts.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnPolylineTest {

    @Test
    void oneSamplePerColumnIsDrawnAsItIs() {
        assertArrayEquals(new int[] { 0, 10, 1, 12, 2, 11 }, ColumnPolyline.points(new int[] { 0, 1, 2 }, new int[] { 10, 12, 11 }));
    }

    @Test
    void manySamplesInAColumnKeepTheirExtremesAndTheLastOne() {
        // a day in 300 columns: 100 samples per column, one spike to row 2 in the middle of column 0
        int[] xs = new int[200];
        int[] ys = new int[200];
        for (int i = 0; i < 200; i++) {
            xs[i] = i / 100;
            ys[i] = 50;
        }
        ys[40] = 2;
        ys[99] = 60;
        int[] points = ColumnPolyline.points(xs, ys);
        assertArrayEquals(new int[] { 0, 50, 0, 2, 0, 60, 0, 60, 1, 50, 1, 50 }, points);
        assertEquals(12, points.length, "at most four points a column, however many samples");
    }
}
