package outpost.charts.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The time axis of a plot: a span of time ending at a moment, mapped onto a row of pixels, with
 * ticks at a readable step chosen by the span and the room available (10 s, 30 s, 1, 2, 5, 10, 15,
 * 30 min, 1, 2, 3, 6, 12 h), aligned on the local clock and labelled HH:mm, or HH:mm:ss when the
 * step is under a minute.
 */
public final class TimeAxis {

    static final List<Duration> STEPS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(12));

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final long start;
    private final long end;
    private final int left;
    private final int width;
    private final ZoneId zone;

    /** The span from {@code end - span} to {@code end} (epoch milliseconds) over {@code width} pixels from {@code left}. */
    public TimeAxis(long end, Duration span, int left, int width, ZoneId zone) {
        this.start = end - span.toMillis();
        this.end = end;
        this.left = left;
        this.width = Math.max(2, width);
        this.zone = zone;
    }

    /** The smallest step that gives at most {@code maxTicks} ticks over the span. */
    public static Duration step(Duration span, int maxTicks) {
        for (Duration step : STEPS) {
            if (span.toMillis() / step.toMillis() <= Math.max(1, maxTicks)) {
                return step;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    /** How many labels of {@code labelWidth} pixels fit, with room between them. */
    public int maxTicks(int labelWidth) {
        return Math.max(1, width / (labelWidth + 24));
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    /** The tick times within the span, on whole multiples of the step in local time (whole hours at 1 h). */
    public List<Long> ticks(Duration step) {
        long stepMillis = step.toMillis();
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli(start)).getTotalSeconds() * 1000L;
        long first = Math.floorDiv(start + offset + stepMillis - 1, stepMillis) * stepMillis - offset;
        List<Long> ticks = new ArrayList<>();
        for (long tick = first; tick <= end; tick += stepMillis) {
            ticks.add(tick);
        }
        return ticks;
    }

    /** A tick's label at a step: HH:mm:ss under a minute, else HH:mm. */
    public String label(long epochMillis, Duration step) {
        return (step.compareTo(Duration.ofMinutes(1)) < 0 ? SECONDS : MINUTES).format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** A moment as the hover label writes it: HH:mm:ss. */
    public String exactLabel(long epochMillis) {
        return SECONDS.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** The pixel column of a moment (outside the row for moments outside the span). */
    public int toPixel(long epochMillis) {
        return left + (int) Math.round((double) (epochMillis - start) * (width - 1) / (end - start));
    }

    /** The moment shown at a pixel column. */
    public long toTime(int x) {
        return start + Math.round((double) (x - left) * (end - start) / (width - 1));
    }

    /** For tests: an axis in UTC. */
    static TimeAxis utc(long end, Duration span, int width) {
        return new TimeAxis(end, span, 0, width, ZoneOffset.UTC);
    }
}
