package outpost.charts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import outpost.charts.ChartRange;

class TimeAxisTest {

    private static final long NOW = Instant.parse("2026-12-07T10:03:27.400Z").toEpochMilli();

    @Test
    void theStepFollowsTheRangeAndTheRoomForLabels() {
        assertEquals(Duration.ofSeconds(10), TimeAxis.step(ChartRange.LAST_10_MINUTES.span(), 60));
        assertEquals(Duration.ofMinutes(1), TimeAxis.step(ChartRange.LAST_10_MINUTES.span(), 10));
        assertEquals(Duration.ofMinutes(2), TimeAxis.step(ChartRange.LAST_10_MINUTES.span(), 5));
        assertEquals(Duration.ofMinutes(5), TimeAxis.step(ChartRange.LAST_HOUR.span(), 12));
        assertEquals(Duration.ofMinutes(15), TimeAxis.step(ChartRange.LAST_HOUR.span(), 5));
        assertEquals(Duration.ofHours(1), TimeAxis.step(ChartRange.LAST_24_HOURS.span(), 24));
        assertEquals(Duration.ofHours(6), TimeAxis.step(ChartRange.LAST_24_HOURS.span(), 4));
        assertEquals(Duration.ofHours(12), TimeAxis.step(ChartRange.LAST_24_HOURS.span(), 1), "the largest step when nothing fits");
    }

    @Test
    void tenMinutesTickOnWholeMinutesLabelledHoursAndMinutes() {
        TimeAxis axis = TimeAxis.utc(NOW, ChartRange.LAST_10_MINUTES.span(), 600);
        List<String> labels = axis.ticks(Duration.ofMinutes(1)).stream().map(t -> axis.label(t, Duration.ofMinutes(1))).toList();
        assertEquals(List.of("09:54", "09:55", "09:56", "09:57", "09:58", "09:59", "10:00", "10:01", "10:02", "10:03"), labels);
    }

    @Test
    void stepsUnderAMinuteShowSeconds() {
        TimeAxis axis = TimeAxis.utc(NOW, Duration.ofSeconds(40), 400);
        List<String> labels = axis.ticks(Duration.ofSeconds(10)).stream().map(t -> axis.label(t, Duration.ofSeconds(10))).toList();
        assertEquals(List.of("10:02:50", "10:03:00", "10:03:10", "10:03:20"), labels);
    }

    @Test
    void anHourTicksEveryFiveMinutesAndADayOnWholeHours() {
        TimeAxis hour = TimeAxis.utc(NOW, ChartRange.LAST_HOUR.span(), 800);
        List<Long> ticks = hour.ticks(Duration.ofMinutes(5));
        assertEquals(12, ticks.size());
        assertEquals("09:05", hour.label(ticks.get(0), Duration.ofMinutes(5)));
        assertEquals("10:00", hour.label(ticks.get(11), Duration.ofMinutes(5)));
        TimeAxis day = TimeAxis.utc(NOW, ChartRange.LAST_24_HOURS.span(), 800);
        List<String> labels = day.ticks(Duration.ofHours(6)).stream().map(t -> day.label(t, Duration.ofHours(6))).toList();
        assertEquals(List.of("12:00", "18:00", "00:00", "06:00"), labels);
    }

    @Test
    void ticksAlignOnTheLocalClockNotOnUtc() {
        // India is 5:30 ahead of UTC: whole local hours are at half past in UTC
        TimeAxis axis = new TimeAxis(NOW, Duration.ofHours(3), 0, 300, ZoneId.of("Asia/Kolkata"));
        List<String> labels = axis.ticks(Duration.ofHours(1)).stream().map(t -> axis.label(t, Duration.ofHours(1))).toList();
        assertEquals(List.of("13:00", "14:00", "15:00"), labels);
    }

    @Test
    void timesMapToPixelColumnsAndBack() {
        TimeAxis axis = new TimeAxis(NOW, Duration.ofMinutes(10), 40, 601, ZoneId.of("UTC"));
        assertEquals(40, axis.toPixel(NOW - 600_000));
        assertEquals(640, axis.toPixel(NOW));
        assertEquals(340, axis.toPixel(NOW - 300_000));
        assertEquals(NOW - 300_000, axis.toTime(340));
        assertEquals("10:03:27", axis.exactLabel(NOW));
    }

    @Test
    void theRoomDecidesHowManyLabelsFit() {
        assertEquals(5, TimeAxis.utc(NOW, Duration.ofMinutes(10), 500).maxTicks(60), "500 px / (60 px + 24 px between)");
        assertEquals(1, TimeAxis.utc(NOW, Duration.ofMinutes(10), 50).maxTicks(60));
    }
}
