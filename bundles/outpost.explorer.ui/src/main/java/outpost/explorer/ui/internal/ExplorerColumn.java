package outpost.explorer.ui.internal;

import java.util.Comparator;
import java.util.OptionalDouble;
import java.util.function.Function;

import outpost.explorer.ui.internal.live.LiveState;
import outpost.servers.Server;

/** The tree's columns: what each shows for a server and how it sorts. */
enum ExplorerColumn {
    NAME("Name", 170, (server, live) -> server.name(), Comparator.comparing(row -> row.server().name(), String.CASE_INSENSITIVE_ORDER)),
    HOST("Host", 140, (server, live) -> server.host(), Comparator.comparing(row -> row.server().host(), String.CASE_INSENSITIVE_ORDER)),
    PORT("Port", 60, (server, live) -> Integer.toString(server.port()), Comparator.comparingInt(row -> row.server().port())),
    STATUS("Status", 150, (server, live) -> live == null ? "" : live.status().label(),
            Comparator.comparing(row -> row.live() == null ? "" : row.live().status().label())),
    CPU("CPU", 70, (server, live) -> live == null ? "" : live.cpuText(), byNumber(live -> live.cpuPercent())),
    RAM("RAM", 70, (server, live) -> live == null ? "" : live.ramText(), byNumber(live -> live.ramPercent())),
    LATENCY("Latency", 80, (server, live) -> live == null ? "" : live.latencyText(),
            byNumber(live -> live.latency() == null ? OptionalDouble.empty() : OptionalDouble.of(live.latency().toNanos())));

    /** A server with its live state (null when not monitored), as compared for sorting. */
    record Row(Server server, LiveState live) {
    }

    interface CellText {
        String of(Server server, LiveState live);
    }

    private final String title;
    private final int width;
    private final CellText text;
    private final Comparator<Row> order;

    ExplorerColumn(String title, int width, CellText text, Comparator<Row> order) {
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

    String text(Server server, LiveState live) {
        return text.of(server, live);
    }

    /** Ascending order; servers without a value come last. Ties fall back to the name. */
    Comparator<Row> order() {
        return order.thenComparing(row -> row.server().name(), String.CASE_INSENSITIVE_ORDER);
    }

    private static Comparator<Row> byNumber(Function<LiveState, OptionalDouble> value) {
        return Comparator.comparingDouble(row -> {
            OptionalDouble number = row.live() == null ? OptionalDouble.empty() : value.apply(row.live());
            return number.isPresent() ? number.getAsDouble() : Double.MAX_VALUE;
        });
    }
}
