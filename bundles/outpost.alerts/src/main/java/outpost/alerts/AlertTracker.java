package outpost.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import outpost.servers.Server;

/**
 * Turns the readings of many servers into alerts: raises one when a threshold has been breached
 * long enough, raises its worst value while it lasts, and ends it when a reading shows the
 * condition is over. Unknown values (unreadable answers, the agent away) change nothing but the
 * UNREACHABLE condition. Thread-safe; cheap enough to call on every refresh of every server.
 */
public final class AlertTracker {

    /** One condition on one server: (endpoint, kind, subject). */
    private record Condition(String server, AlertKind kind, String subject) {
    }

    private final int keepClosed;
    private final Map<Condition, Instant> breachedSince = new HashMap<>();
    private final Map<Condition, Alert> open = new HashMap<>();
    private final Deque<Alert> closed = new ArrayDeque<>();

    /**
     * @param remembered alerts kept from an earlier run; the open ones stay open until a reading ends them
     * @param keepClosed how many ended alerts are kept (the oldest go first)
     */
    public AlertTracker(Collection<Alert> remembered, int keepClosed) {
        this.keepClosed = keepClosed;
        remembered.stream().sorted(Comparator.comparing(Alert::start)).forEach(alert -> {
            if (alert.isOpen()) {
                Condition condition = new Condition(alert.server(), alert.kind(), alert.subject());
                open.put(condition, alert);
                breachedSince.put(condition, alert.start());
            } else {
                remember(alert);
            }
        });
    }

    /** Takes a server's newest reading; returns the alerts it raised or ended, in that order. */
    public synchronized List<AlertChange> observe(Server server, Thresholds thresholds, Reading reading) {
        List<AlertChange> changes = new ArrayList<>();
        String endpoint = server.endpoint();
        Instant now = reading.time();
        Condition away = new Condition(endpoint, AlertKind.UNREACHABLE, "");
        if (!reading.reachable()) {
            Instant since = breachedSince.computeIfAbsent(away, c -> now);
            double seconds = Duration.between(since, now).toMillis() / 1000.0;
            update(server, away, thresholds, seconds > thresholds.limit(AlertKind.UNREACHABLE) ? seconds : -1, seconds,
                    now, Duration.ZERO, changes);
            return changes;
        }
        end(away, now, changes);
        reading.cpuPercent().ifPresent(cpu -> compare(server, new Condition(endpoint, AlertKind.CPU, ""), thresholds,
                cpu, now, thresholds.cpuFor(), changes));
        reading.ramPercent().ifPresent(ram -> compare(server, new Condition(endpoint, AlertKind.RAM, ""), thresholds,
                ram, now, Duration.ZERO, changes));
        reading.diskPercentByMount().forEach((mount, used) -> compare(server,
                new Condition(endpoint, AlertKind.DISK, mount), thresholds, used, now, Duration.ZERO, changes));
        if (!reading.diskPercentByMount().isEmpty()) {
            // A file system no longer reported (unmounted) cannot stay full.
            Set<Condition> gone = open.keySet().stream()
                    .filter(c -> c.server().equals(endpoint) && c.kind() == AlertKind.DISK
                            && !reading.diskPercentByMount().containsKey(c.subject()))
                    .collect(Collectors.toSet());
            gone.forEach(c -> end(c, now, changes));
        }
        return changes;
    }

    /** Ends the open alerts of servers no longer watched (removed from the list). */
    public synchronized List<AlertChange> retainServers(Collection<Server> watched, Instant now) {
        Set<String> endpoints = watched.stream().map(Server::endpoint).collect(Collectors.toSet());
        List<AlertChange> changes = new ArrayList<>();
        List<Condition> stale = open.keySet().stream().filter(c -> !endpoints.contains(c.server())).toList();
        stale.forEach(c -> end(c, now, changes));
        breachedSince.keySet().removeIf(c -> !endpoints.contains(c.server()));
        return changes;
    }

    /** The open alerts, longest-running first. */
    public synchronized List<Alert> open() {
        return open.values().stream().sorted(Comparator.comparing(Alert::start)).toList();
    }

    /** Open alerts first (longest-running first), then ended ones, newest first. */
    public synchronized List<Alert> all() {
        List<Alert> all = new ArrayList<>(open());
        closed.descendingIterator().forEachRemaining(all::add);
        return all;
    }

    /** The servers (endpoints) with at least one open alert. */
    public synchronized Set<String> serversInAlert() {
        return open.keySet().stream().map(Condition::server).collect(Collectors.toSet());
    }

    private void compare(Server server, Condition condition, Thresholds thresholds, double value, Instant now,
            Duration mustLast, List<AlertChange> changes) {
        if (value > thresholds.limit(condition.kind())) {
            update(server, condition, thresholds, value, value, now, mustLast, changes);
        } else {
            end(condition, now, changes);
        }
    }

    /** The condition holds ({@code breach} >= 0) or not yet long enough to count (-1 for UNREACHABLE). */
    private void update(Server server, Condition condition, Thresholds thresholds, double breach, double value,
            Instant now, Duration mustLast, List<AlertChange> changes) {
        if (breach < 0) {
            return;
        }
        Instant since = breachedSince.computeIfAbsent(condition, c -> now);
        Alert alert = open.get(condition);
        if (alert != null) {
            open.put(condition, alert.worsened(value));
        } else if (Duration.between(since, now).compareTo(mustLast) >= 0) {
            alert = new Alert(condition.server(), server.name(), condition.kind(), condition.subject(), since, null,
                    thresholds.limit(condition.kind()), value);
            open.put(condition, alert);
            changes.add(new AlertChange(alert, true));
        }
    }

    private void end(Condition condition, Instant now, List<AlertChange> changes) {
        breachedSince.remove(condition);
        Alert alert = open.remove(condition);
        if (alert != null) {
            Alert ended = alert.ended(now);
            remember(ended);
            changes.add(new AlertChange(ended, false));
        }
    }

    private void remember(Alert ended) {
        closed.addLast(ended);
        while (closed.size() > keepClosed) {
            closed.removeFirst();
        }
    }
}
