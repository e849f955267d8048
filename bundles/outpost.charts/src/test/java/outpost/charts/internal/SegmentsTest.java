package outpost.charts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import outpost.charts.TimeSeries;
import outpost.charts.internal.Segments.Segment;

class SegmentsTest {

    private static final double NaN = Double.NaN;
    private static final long MINUTE = 60_000;
    private static final long SECOND = 1_000;

    @Test
    void steadySamplesMakeOneLine() {
        assertEquals(List.of(new Segment(0, 4)), Segments.split(atStep(3, new long[] { 0, 3, 6, 9 }, 1, 2, 3, 4)));
    }

    @Test
    void aMissingValueBreaksTheLineAndIsNotDrawn() {
        assertEquals(List.of(new Segment(0, 2), new Segment(3, 5)),
                Segments.split(atStep(3, new long[] { 0, 3, 6, 9, 12 }, 1, 2, NaN, 4, 5)));
    }

    @Test
    void aPauseLongerThanTwoAndAHalfStepsBreaksTheLine() {
        assertEquals(List.of(new Segment(0, 2), new Segment(2, 3)), Segments.split(atStep(3, new long[] { 0, 3, 30 }, 1, 2, 3)));
        assertEquals(List.of(new Segment(0, 3)), Segments.split(atStep(4, new long[] { 0, 3, 13 }, 1, 2, 3)),
                "a pause as long as the bridge is still joined");
    }

    @Test
    void afterTheLastValueAGapEndsTheLineThere() {
        // the agent died after the third sample: nothing is drawn from there on
        assertEquals(List.of(new Segment(0, 3)), Segments.split(atStep(3, new long[] { 0, 3, 6, 7 }, 1, 2, 3, NaN)));
        assertEquals(List.of(), Segments.split(atStep(3, new long[] { 5 }, NaN)));
        TimeSeries.Samples three = atStep(3, new long[] { 0, 3, 6 }, 1, 2, 3);
        assertEquals(List.of(new Segment(0, 2)),
                Segments.split(new TimeSeries.Samples(three.times(), three.values(), three.steps(), 2)),
                "only the first count samples are read");
    }

    @Test
    void aDayOfMinuteMeansThenSecondsThenLiveSamplesIsOneLineNotADayOfIslands() {
        // what a console holds after opening: 24 h of the minute tier, 10 min of the seconds tier,
        // then the watch's samples every 2 s
        TimeSeries series = new TimeSeries("total", 50_000, 2 * SECOND);
        long now = 24 * 60 * MINUTE;
        long secondsFrom = now - 10 * MINUTE;
        for (long t = 0; t < secondsFrom; t += MINUTE) {
            series.add(t, 10, MINUTE);
        }
        for (long t = secondsFrom + 400; t < now; t += SECOND) {
            series.add(t, 20, SECOND);
        }
        for (long t = now + 900; t < now + MINUTE; t += 2 * SECOND) {
            series.add(t, 30);
        }
        TimeSeries.Samples day = series.between(0, now + MINUTE);

        assertEquals(List.of(new Segment(0, day.count())), Segments.split(day));
    }

    @Test
    void aGapInTheMinuteTierOrBetweenSecondsIsStillAGap() {
        TimeSeries series = new TimeSeries("total", 50_000, 2 * SECOND);
        series.add(0, 10, MINUTE);
        series.add(MINUTE, 10, MINUTE);
        series.add(10 * MINUTE, 10, MINUTE); // the agent was stopped for eight minutes
        series.add(11 * MINUTE + 500, 10, SECOND);
        series.add(11 * MINUTE + 1_500, 10, SECOND);
        series.add(11 * MINUTE + 9_500, 10, SECOND); // eight seconds without a sample
        series.add(11 * MINUTE + 11_500, 10);

        assertEquals(List.of(new Segment(0, 2), new Segment(2, 5), new Segment(5, 7)),
                Segments.split(series.between(0, 12 * MINUTE)),
                "minute means join up to 2.5 minutes apart, one-second samples up to 2.5 s, the live ones up to 5 s");
    }

    private static TimeSeries.Samples atStep(long stepMillis, long[] times, double... values) {
        long[] steps = new long[times.length];
        Arrays.fill(steps, stepMillis);
        return new TimeSeries.Samples(times, values, steps, times.length);
    }
}
