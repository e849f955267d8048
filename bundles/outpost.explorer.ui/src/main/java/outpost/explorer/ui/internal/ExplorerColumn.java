package outpost.explorer.ui.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

import outpost.explorer.ui.internal.live.LiveState;
import outpost.explorer.ui.internal.live.LiveStatus;
import outpost.servers.Server;

/** The tree's columns: what each shows for a server and how it sorts. */
enum ExplorerColumn {
    NAME("Name", 0.55, List.of(), (server, live) -> server.name(),
            Comparator.comparing(row -> row.server().name(), String.CASE_INSENSITIVE_ORDER)),
    HOST("Host", 0.45, List.of(), (server, live) -> server.host(),
            Comparator.comparing(row -> row.server().host(), String.CASE_INSENSITIVE_ORDER)),
    PORT("Port", 0, List.of("65535", "broker"), (server, live) -> server.viaBroker() ? "broker" : Integer.toString(server.port()),
            Comparator.comparingInt(row -> row.server().port())),
    STATUS("Status", 0, List.of(), (server, live) -> live == null ? "" : live.status().label(),
            Comparator.comparing(row -> row.live() == null ? "" : row.live().status().label())),
    CPU("CPU", 0, List.of("100.0 %"), (server, live) -> live == null ? "" : live.cpuText(), byNumber(live -> live.cpuPercent())),
    RAM("RAM", 0, List.of("100.0 %"), (server, live) -> live == null ? "" : live.ramText(), byNumber(live -> live.ramPercent())),
    LATENCY("Latency", 0, List.of("999.9 ms"), (server, live) -> live == null ? "" : live.latencyText(),
            byNumber(live -> live.latency() == null ? OptionalDouble.empty() : OptionalDouble.of(live.latency().toNanos())));

    /** A server with its live state (null when not monitored), as compared for sorting. */
    record Row(Server server, LiveState live) {
    }

    interface CellText {
        String of(Server server, LiveState live);
    }

    private final String title;
    private final double share;
    private final List<String> samples;
    private final CellText text;
    private final Comparator<Row> order;

    ExplorerColumn(String title, double share, List<String> samples, CellText text, Comparator<Row> order) {
        this.title = title;
        this.share = share;
        this.samples = samples;
        this.text = text;
        this.order = order;
    }

    String title() {
        return title;
    }

    /** The column's share of the width left by the others; 0 for a column as wide as its longest text. */
    double share() {
        return share;
    }

    /**
     * The longest texts the column can show (besides its title), for a width that does not change
     * with the values; empty for a column as wide as the texts it shows now (name, host, status).
     */
    /** Whether its texts change with the server's live state (status, figures), not only with the list. */
    boolean followsLiveState() {
        return this != NAME && this != HOST && this != PORT;
    }

        List<String> samples() {
        return samples;
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
