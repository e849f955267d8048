package outpost.charts;

import java.time.Duration;

/** The spans of time a chart can show, always ending now. */
public enum ChartRange {
    LAST_10_MINUTES(Duration.ofMinutes(10), "10 min"),
    LAST_HOUR(Duration.ofHours(1), "1 h"),
    LAST_24_HOURS(Duration.ofHours(24), "24 h");

    private final Duration span;
    private final String label;

    ChartRange(Duration span, String label) {
        this.span = span;
        this.label = label;
    }

    public Duration span() {
        return span;
    }

    /** The short name on the range selector's button. */
    public String label() {
        return label;
    }
}
