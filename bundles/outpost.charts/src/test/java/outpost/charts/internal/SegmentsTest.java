package outpost.charts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import outpost.charts.internal.Segments.Segment;

class SegmentsTest {

    private static final double NaN = Double.NaN;

    @Test
    void steadySamplesMakeOneLine() {
        assertEquals(List.of(new Segment(0, 4)), Segments.split(new long[] { 0, 3, 6, 9 }, new double[] { 1, 2, 3, 4 }, 4, 7));
    }

    @Test
    void aMissingValueBreaksTheLineAndIsNotDrawn() {
        assertEquals(List.of(new Segment(0, 2), new Segment(3, 5)),
                Segments.split(new long[] { 0, 3, 6, 9, 12 }, new double[] { 1, 2, NaN, 4, 5 }, 5, 7));
    }

    @Test
    void aPauseLongerThanTheLongestBridgeBreaksTheLine() {
        assertEquals(List.of(new Segment(0, 2), new Segment(2, 3)),
                Segments.split(new long[] { 0, 3, 30 }, new double[] { 1, 2, 3 }, 3, 7));
        assertEquals(List.of(new Segment(0, 3)), Segments.split(new long[] { 0, 3, 10 }, new double[] { 1, 2, 3 }, 3, 7),
                "a pause as long as the bridge is still joined");
    }

    @Test
    void afterTheLastValueAGapEndsTheLineThere() {
        // the agent died after the third sample: nothing is drawn from there on
        assertEquals(List.of(new Segment(0, 3)), Segments.split(new long[] { 0, 3, 6, 7 }, new double[] { 1, 2, 3, NaN }, 4, 7));
        assertEquals(List.of(), Segments.split(new long[] { 5 }, new double[] { NaN }, 1, 7));
        assertEquals(List.of(new Segment(0, 2)), Segments.split(new long[] { 0, 3, 6 }, new double[] { 1, 2, 3 }, 2, 7),
                "only the first count samples are read");
    }
}
