package outpost.explorer.ui.internal.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;

import outpost.metrics.MetricHistory;
import outpost.metrics.MetricSample;
import outpost.servers.Server;

/**
 * What the Server Explorer knows of the fleet, for the views that show it another way (the
 * dashboard): the servers of the list, their newest live states, and the last hour of each one's
 * CPU and RAM as the console saw it. The explorer publishes; the others read and listen.
 */
@Component(service = FleetWatch.class)
public final class FleetWatch {

    /** The last hour of one server. */
    public record Trends(Trend cpu, Trend ram) {
    }

    private volatile List<Server> servers = List.of();
    private volatile Map<String, LiveState> states = Map.of();
    private final Map<String, Trends> trends = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The list changed (UI thread of the explorer). */
    public void servers(List<Server> list) {
        servers = List.copyOf(list);
        java.util.Set<String> listed = new java.util.HashSet<>();
        list.forEach(server -> listed.add(ServerMonitor.key(server)));
        trends.keySet().retainAll(listed);
        changed();
    }

    /** The newest states of the watched servers (the monitor's thread). */
    public void observe(Map<Server, LiveState> newest) {
        long now = System.currentTimeMillis();
        Map<String, LiveState> byKey = new ConcurrentHashMap<>();
        newest.forEach((server, state) -> {
            String key = ServerMonitor.key(server);
            byKey.put(key, state);
            Trends trend = trendsOf(key);
            state.cpuPercent().ifPresent(cpu -> trend.cpu().add(now, cpu));
            state.ramPercent().ifPresent(ram -> trend.ram().add(now, ram));
        });
        states = byKey;
        changed();
    }

    /**
     * What the agent itself kept of a server's last hour (asked once per session), so a sparkline
     * is full from the start rather than from when this console began watching.
     */
    public void history(Server server, MetricHistory history) {
        Trends trend = trendsOf(ServerMonitor.key(server));
        long span = history.stepSeconds() * 1000L;
        for (MetricSample sample : history.samples()) {
            AgentAnswers.Figures figures = AgentAnswers.figures(sample);
            figures.cpu().ifPresent(cpu -> trend.cpu().addSpan(sample.time(), span, cpu));
            figures.ram().ifPresent(ram -> trend.ram().addSpan(sample.time(), span, ram));
        }
        changed();
    }

    private Trends trendsOf(String key) {
        return trends.computeIfAbsent(key, k -> new Trends(new Trend(), new Trend()));
    }

    public List<Server> servers() {
        return servers;
    }

    /** The live state of a server, null when it is not watched. */
    public LiveState state(Server server) {
        return states.get(ServerMonitor.key(server));
    }

    /** Its last hour as seen here; null when it was never watched in this run. */
    public Trends trends(Server server) {
        return trends.get(ServerMonitor.key(server));
    }

    /** Runs on the publishing thread after each change; must be quick. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
