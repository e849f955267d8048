package outpost.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    @Test
    void keepsTheNewestSamplesInTimeOrderOnceFull() {
        TimeSeries series = new TimeSeries("cpu", 40, 1000);
        for (long t = 1; t <= 100; t++) {
            series.add(t * 1000, t);
        }
        assertEquals(40, series.size());
        TimeSeries.Samples all = series.between(0, Long.MAX_VALUE - 1);
        assertEquals(40, all.count());
        assertEquals(61_000, all.times()[0]);
        assertEquals(100.0, series.latestValue());
        assertEquals(100_000, series.latestTime());
    }

    @Test
    void aRangeComesWithOneSampleOnEitherSideSoLinesReachTheEdges() {
        TimeSeries series = new TimeSeries("rx", 100, 1000);
        for (long t = 0; t <= 10; t++) {
            series.add(t * 1000, t);
        }
        TimeSeries.Samples window = series.between(3_500, 6_500);
        assertArrayEquals(new long[] { 3000, 4000, 5000, 6000, 7000 }, Arrays.copyOf(window.times(), window.count()));
        assertEquals(0, series.between(20_000, 30_000).count() - 1, "only the last one before an empty range");
        assertEquals(2, window.nearest(5_400));
    }

    @Test
    void aSampleOlderThanTheNewestIsDroppedAndAGapIsNoValue() {
        TimeSeries series = new TimeSeries("ram", 10, 1000);
        assertFalse(series.hasValues());
        series.addGap(1000);
        assertFalse(series.hasValues(), "a gap is no value: the chart still says no data yet");
        series.add(5000, 1);
        series.add(4000, 2);
        assertEquals(2, series.size());
        assertTrue(series.hasValues());
        series.addGap(6000);
        assertTrue(Double.isNaN(series.latestValue()), "after a gap there is no latest value");
        series.add(8000, 3);
        series.addGap(7000);
        assertTrue(Double.isNaN(series.latestValue()), "a gap older than the newest sample goes after it");
        assertEquals(8000, series.latestTime());
        assertThrows(IllegalArgumentException.class, () -> new TimeSeries("x", 1, 1000));
    }

    @Test
    void aSampleFromBeforeTheTrailingGapFillsItAndTheLineGoesOn() {
        // a console was disconnected at 10 s; on reconnecting it reads what the agent kept meanwhile
        TimeSeries series = new TimeSeries("cpu", 100, 2000);
        series.add(8000, 1);
        series.addGap(10_000);
        series.add(7000, 5, 1000);
        assertTrue(Double.isNaN(series.latestValue()), "a sample known already is dropped and the gap stays");
        series.add(9000, 2, 1000);
        series.add(10_000, 3, 1000);
        series.add(11_000, 4, 1000);
        TimeSeries.Samples all = series.between(0, 20_000);
        assertArrayEquals(new long[] { 8000, 9000, 10_000, 11_000 }, Arrays.copyOf(all.times(), all.count()));
        assertArrayEquals(new double[] { 1, 2, 3, 4 }, Arrays.copyOf(all.values(), all.count()));
        assertArrayEquals(new long[] { 2000, 1000, 1000, 1000 }, Arrays.copyOf(all.steps(), all.count()));
        assertTrue(all.joinedToPrevious(1) && all.joinedToPrevious(3), "one line through the time the console was away");
    }

    @Test
    void aSampleJustAfterTheTrailingGapAndJoinedToTheValueBeforeItFillsItTooButNotOneAfterAPause() {
        // disconnected 0.5 s after the last live sample; the agent's history has none in that half second
        TimeSeries series = new TimeSeries("cpu", 100, 2000);
        series.add(8000, 1);
        series.addGap(8500);
        series.add(9200, 2, 1000);
        TimeSeries.Samples filled = series.between(0, 20_000);
        assertArrayEquals(new long[] { 8000, 9200 }, Arrays.copyOf(filled.times(), filled.count()));
        assertTrue(filled.joinedToPrevious(1));

        series.addGap(10_000);
        series.add(30_000, 3, 1000); // the agent was down meanwhile
        TimeSeries.Samples broken = series.between(0, 40_000);
        assertArrayEquals(new long[] { 8000, 9200, 10_000, 30_000 }, Arrays.copyOf(broken.times(), broken.count()));
        assertFalse(broken.joinedToPrevious(3));
    }

    @Test
    void theNewestValueIsCurrentForTwoAndAHalfOfItsOwnSteps() {
        TimeSeries series = new TimeSeries("cpu", 100, 2000);
        assertFalse(series.isCurrent(0));
        series.add(60_000, 1, 60_000);
        assertTrue(series.isCurrent(60_000 + 150_000), "a minute's mean stays current for 2.5 minutes");
        assertFalse(series.isCurrent(60_000 + 150_001));
        series.add(200_000, 1);
        assertTrue(series.isCurrent(205_000));
        assertFalse(series.isCurrent(205_001), "a live sample every 2 s is current for 5 s");
        assertThrows(IllegalArgumentException.class, () -> series.add(300_000, 1, 0));
    }

    @Test
    void aModelNamesItsSeriesOnceAndMarksGapsInAllOfThem() {
        ChartModel model = new ChartModel("CPU", ValueUnit.PERCENT, Duration.ofSeconds(3));
        assertSame(model.series("total"), model.series("total"));
        model.series("core 0").add(1000, 5);
        model.series("total").add(1000, 5);
        model.gapAt(2000);
        assertEquals(2, model.series().size());
        assertTrue(model.series().stream().allMatch(series -> Double.isNaN(series.latestValue())));
        assertFalse(model.series("total").isCurrent(2000), "a gap is never current");
        assertEquals(28_800, model.series("total").capacity(), "24 hours at one sample every 3 s");
        int[] calls = { 0 };
        model.addChangeListener(() -> calls[0]++);
        model.changed();
        assertEquals(1, calls[0]);
    }
}
