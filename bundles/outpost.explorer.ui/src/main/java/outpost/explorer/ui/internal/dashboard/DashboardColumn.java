package outpost.explorer.ui.internal.dashboard;

import java.util.Comparator;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;

/** The dashboard's columns: title, text, and order when its header is clicked. */
enum DashboardColumn {
    SERVER("Server", 140, DashboardRow::serverText, Comparator.comparing(DashboardRow::serverText, String.CASE_INSENSITIVE_ORDER)),
    STATUS("Status", 110, row -> row.inAlert() ? row.status() + ", alert" : row.status(),
            Comparator.comparingDouble(DashboardRow::badness).reversed()),
    CPU("CPU", 70, row -> percent(row.cpu()), byNumber(DashboardRow::cpu)),
    LAST_HOUR("CPU, last hour", 130, row -> "", Comparator.comparingDouble(row -> peak(row.cpuLastHour()))),
    RAM("RAM", 70, row -> percent(row.ram()), byNumber(DashboardRow::ram)),
    DISK("Fullest disk", 130, DashboardColumn::fullestDisk,
            byNumber(row -> row.fullestDisk().map(disk -> OptionalDouble.of(disk.percent())).orElse(OptionalDouble.empty()))),
    NETWORK("Network", 90, row -> rate(row.network()), byNumber(DashboardRow::network)),
    GROUP("Group", 90, row -> row.server().group(), Comparator.comparing(row -> row.server().group(), String.CASE_INSENSITIVE_ORDER));

    /** Worst first: what a person watching a fleet looks at first. */
    static final Comparator<DashboardRow> WORST_FIRST = Comparator.comparingDouble(DashboardRow::badness).reversed()
            .thenComparing(DashboardRow::serverText, String.CASE_INSENSITIVE_ORDER);

    private final String title;
    private final int width;
    private final Function<DashboardRow, String> text;
    private final Comparator<DashboardRow> order;

    DashboardColumn(String title, int width, Function<DashboardRow, String> text, Comparator<DashboardRow> order) {
        this.title = title;
        this.width = width;
        this.text = text;
        this.order = order;
    }

    String title() {
        return title;
    }

    int width() {
        return width;
    }

    String text(DashboardRow row) {
        return text.apply(row);
    }

    /** Ascending order of this column (the view reverses it on a second click). */
    Comparator<DashboardRow> order() {
        return order;
    }

    private static String percent(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f %%", value.getAsDouble()) : "";
    }

    /** "93.1 % /var": the use first, so that a narrow column still shows what matters. */
    private static String fullestDisk(DashboardRow row) {
        return row.fullestDisk().map(disk -> String.format(Locale.ROOT, "%.1f %% %s", disk.percent(), disk.mount())).orElse("");
    }

    /** Bytes per second in binary units, as the console's network chart writes them. */
    static String rate(OptionalDouble bytesPerSecond) {
        if (bytesPerSecond.isEmpty()) {
            return "";
        }
        double value = bytesPerSecond.getAsDouble();
        String[] units = { "B/s", "KiB/s", "MiB/s", "GiB/s" };
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f %s", value, units[unit])
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Highest figures first, rows without a figure last. */
    private static Comparator<DashboardRow> byNumber(Function<DashboardRow, OptionalDouble> figure) {
        return Comparator.comparingDouble((DashboardRow row) -> figure.apply(row).orElse(-1)).reversed();
    }

    private static double peak(float[] values) {
        double peak = -1;
        for (float value : values) {
            if (!Float.isNaN(value)) {
                peak = Math.max(peak, value);
            }
        }
        return -peak;
    }
}
