package outpost.explorer.ui.internal.dashboard;

import java.util.OptionalDouble;

import outpost.explorer.ui.internal.live.FleetWatch;
import outpost.explorer.ui.internal.live.LiveState;
import outpost.explorer.ui.internal.live.LiveStatus;
import outpost.servers.Server;

/**
 * One server as the dashboard shows it at one refresh: its state (null when not watched), whether
 * it is in alert, and its last hour of CPU.
 */
record DashboardRow(Server server, LiveState state, boolean inAlert, float[] cpuLastHour) {

    static DashboardRow of(Server server, FleetWatch watch, boolean inAlert, long now) {
        FleetWatch.Trends trends = watch.trends(server);
        return new DashboardRow(server, watch.state(server), inAlert,
                trends == null ? new float[0] : trends.cpu().lastHour(now));
    }

    /** The same row for the viewer (its selection survives a refresh) while the figures change. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DashboardRow row && row.server.sameEndpoint(server);
    }

    @Override
    public int hashCode() {
        return server.endpoint().toLowerCase(java.util.Locale.ROOT).hashCode();
    }

    String serverText() {
        return server.name();
    }

    String status() {
        return state == null ? "not watched" : state.status().label();
    }

    OptionalDouble cpu() {
        return online() ? state.cpuPercent() : OptionalDouble.empty();
    }

    OptionalDouble ram() {
        return online() ? state.ramPercent() : OptionalDouble.empty();
    }

    /** The fullest file system, when online and the agent said. */
    java.util.Optional<LiveState.FullestDisk> fullestDisk() {
        return online() ? state.fullestDisk() : java.util.Optional.empty();
    }

    OptionalDouble network() {
        return online() ? state.networkBytesPerSecond() : OptionalDouble.empty();
    }

    boolean online() {
        return state != null && state.status().online();
    }

    /**
     * How bad it looks, for "worst first": in alert, then not answering, then the highest of its
     * figures; servers not watched last.
     */
    double badness() {
        if (state == null) {
            return -1;
        }
        double figures = Math.max(Math.max(cpu().orElse(0), ram().orElse(0)),
                fullestDisk().map(LiveState.FullestDisk::percent).orElse(0.0));
        double trouble = inAlert ? 300 : state.status().online() ? 0
                : state.status() == LiveStatus.CONNECTING ? 100 : 200;
        return trouble + figures;
    }
}
