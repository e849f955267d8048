package outpost.explorer.ui.internal.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import outpost.alerts.Alert;
import outpost.alerts.AlertKind;

/** The Alerts view's columns and how each shows an alert. */
enum AlertColumn {
    STATE("State", 70), SERVER("Server", 230), WHAT("What", 120), VALUE("Worst", 80), LIMIT("Threshold", 90),
    STARTED("Started", 170), ENDED("Ended", 170), LASTED("Lasted", 90);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final String title;
    private final int width;

    AlertColumn(String title, int width) {
        this.title = title;
        this.width = width;
    }

    String title() {
        return title;
    }

    int width() {
        return width;
    }

    String text(Alert alert, Instant now) {
        return switch (this) {
            case STATE -> alert.isOpen() ? "open" : "ended";
            case SERVER -> alert.name().equals(alert.server()) ? alert.server() : alert.name() + " (" + alert.server() + ")";
            case WHAT -> alert.subject().isEmpty() ? alert.kind().label() : alert.kind().label() + " " + alert.subject();
            case VALUE -> value(alert.kind(), alert.worst());
            case LIMIT -> "> " + value(alert.kind(), alert.threshold());
            case STARTED -> TIME.format(alert.start());
            case ENDED -> alert.isOpen() ? "" : TIME.format(alert.end());
            case LASTED -> lasted(alert.duration(now));
        };
    }

    static String value(AlertKind kind, double value) {
        return kind == AlertKind.UNREACHABLE ? lasted(Duration.ofMillis((long) (value * 1000)))
                : String.format(Locale.ROOT, "%.1f %%", value);
    }

    /** "45 s", "12 min", "3 h 05 min". */
    static String lasted(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
