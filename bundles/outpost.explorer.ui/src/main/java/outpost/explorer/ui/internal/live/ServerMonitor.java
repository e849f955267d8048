package outpost.explorer.ui.internal.live;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import outpost.client.AgentConnections;
import outpost.client.AgentSession;
import outpost.client.Backoff;
import outpost.client.CommandCall;
import outpost.client.Reachability;
import outpost.client.SessionListener;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.console.ui.AgentConnector;
import outpost.metrics.MetricHistory;
import outpost.metrics.MetricJson;
import outpost.metrics.WatchLines;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.servers.Server;

/**
 * Holds a share of the console's one session per monitored server (from {@link AgentConnections},
 * so the consoles use the same connection) and, on it, one {@code watch} subscription that streams
 * CPU, RAM, disks and network every refresh period: the agent audits it once, not each sample. The
 * latency is a protocol keepalive's round trip, measured each refresh (not a command: nothing to
 * audit). Its work runs on its own small thread pool. Without a stored token it only probes the address: reachable
 * shows "no token", unreachable "offline" with the reason. A server that cannot be reached is
 * retried with a capped exponential backoff (a refused token is not retried: that would only lock
 * the address out); a lost session is reconnected the same way; when a console connects to a
 * monitored server, the monitor tries it again at once. A subscription the agent ends is started
 * again at the next refresh, unless the agent does not know {@code watch} (an older version) or the
 * token may not read: then the figures show '?'. {@code changed} runs after each refresh (once for
 * all servers) and after each connect or loss; it must be cheap and may run on any thread.
 */
public final class ServerMonitor implements AutoCloseable {

    /** Connects block for up to the connect timeout: a few threads keep one dead host from delaying the rest. */
    private static final int THREADS = 4;

    /**
     * @param refresh        period of the samples (whole seconds on the agent, at least one) and of the
     *                       latency, and the first reconnect delay
     * @param maxBackoff     cap of the delay between reconnect attempts
     * @param requestTimeout how long a sample may take before its values show '?'
     */
    public record Settings(Duration refresh, Duration maxBackoff, Duration requestTimeout) {
    }

    private final AgentConnections connections;
    private final AgentConnector connector;
    private final Settings settings;
    private final Runnable changed;
    private final HistoryListener historyListener;
    private final AgentConnections.Listener someoneConnected = this::someoneConnected;
    private final ScheduledExecutorService executor;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final String watchCommand;
    private volatile boolean closed;

    /** Told what an agent kept of its last hour, once per session (any thread; must be quick). */
    public interface HistoryListener {
        void history(Server server, MetricHistory history);
    }

    /** The subscription for a refresh period: the agent samples in whole seconds. */
    static String watchCommand(Duration refresh) {
        long seconds = Math.max(1, (refresh.toMillis() + 999) / 1000);
        return "watch " + seconds + " " + AgentAnswers.SECTIONS;
    }

    /** The commands whose answers give a server's last hour: minute means, then the last minutes' seconds. */
    static final List<String> HISTORY_COMMANDS = List.of("history 1h cpu,ram", "history 10m cpu,ram");

    public ServerMonitor(AgentConnections connections, AgentConnector connector, Settings settings, Runnable changed) {
        this(connections, connector, settings, changed, (server, history) -> { });
    }

    public ServerMonitor(AgentConnections connections, AgentConnector connector, Settings settings, Runnable changed,
            HistoryListener historyListener) {
        this.historyListener = historyListener;
        this.connections = connections;
        this.connector = connector;
        this.settings = settings;
        this.changed = changed;
        this.watchCommand = watchCommand(settings.refresh());
        connections.addListener(someoneConnected);
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(THREADS, namedDaemonThreads());
        pool.setRemoveOnCancelPolicy(true); // cancelled retries of disconnected servers must not pile up
        this.executor = pool;
        long period = settings.refresh().toMillis();
        executor.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts monitoring these servers; servers already monitored but not online are tried again now. */
    public void connect(Collection<Server> servers) {
        if (closed) {
            return;
        }
        for (Server server : servers) {
            Watch watch = watches.computeIfAbsent(key(server), k -> new Watch(server));
            watch.tryNow();
        }
        changed.run();
    }

    /** Stops monitoring these servers and closes their sessions. */
    public void disconnect(Collection<Server> servers) {
        for (Server server : servers) {
            Watch watch = watches.remove(key(server));
            if (watch != null) {
                watch.stop();
            }
        }
        changed.run();
    }

    public boolean isMonitored(Server server) {
        return watches.containsKey(key(server));
    }

    /** The state of a monitored server; empty when it is not monitored. */
    public Optional<LiveState> state(Server server) {
        Watch watch = watches.get(key(server));
        return watch == null ? Optional.empty() : Optional.of(watch.state());
    }

    /** The states of all monitored servers, by {@link #key}. */
    public Map<String, LiveState> snapshot() {
        Map<String, LiveState> states = new HashMap<>();
        watches.forEach((key, watch) -> states.put(key, watch.state()));
        return states;
    }

    /** The states of all monitored servers, by server. */
    public Map<Server, LiveState> states() {
        Map<Server, LiveState> states = new HashMap<>();
        watches.values().forEach(watch -> states.put(watch.server, watch.state()));
        return states;
    }

    /** How servers are identified: host (ignoring case) and port, as for duplicates. */
    public static String key(Server server) {
        return server.host().toLowerCase(Locale.ROOT) + ":" + server.port();
    }

    /** Closes every session and stops the threads; no call after this has an effect. */
    @Override
    public void close() {
        closed = true;
        connections.removeListener(someoneConnected);
        executor.shutdownNow(); // interrupts connects in progress
        List<Watch> all = new ArrayList<>(watches.values());
        watches.clear();
        all.forEach(Watch::stop);
    }

    /** Whether the monitor's threads have ended (after {@link #close}). */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A console (or anyone) connected to an agent: a monitored server that is not online tries again now. */
    private void someoneConnected(String endpoint, AgentSession session) {
        Watch watch = watches.get(endpoint);
        if (watch != null && !closed) {
            watch.tryNowIfWaiting();
        }
    }

    private void refresh() {
        List<CompletableFuture<Void>> measured = new ArrayList<>();
        for (Watch watch : watches.values()) {
            watch.subscribeIfNeeded();
            measured.add(watch.measureLatency());
        }
        CompletableFuture.allOf(measured.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> changed.run());
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        if (closed) {
            return null;
        }
        try {
            return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // closed meanwhile
        }
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "outpost-explorer-monitor-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One monitored server: its session and subscription, its state, and its pending reconnect. */
    private final class Watch implements SessionListener {

        private final Server server;
        private final Backoff backoff = new Backoff(settings.refresh(), settings.maxBackoff());
        /** The share of the server's session while online. */
        private AgentConnections.Lease lease;
        private AgentSession session;
        private LiveState state = LiveState.connecting();
        private ScheduledFuture<?> retry;
        /** The session's {@code watch}, while it runs. */
        private CommandCall subscription;
        /** The agent refused {@code watch} on this session: asking again each refresh would be refused again. */
        private boolean watchRefused;
        private AgentAnswers.Figures figures = AgentAnswers.Figures.NONE;
        private Duration latency;
        private boolean measuring;
        private volatile boolean stopped;

        Watch(Server server) {
            this.server = server;
        }

        synchronized LiveState state() {
            return state;
        }

        /** Tries now unless online or an attempt is under way (its state is "connecting" then). */
        synchronized void tryNowIfWaiting() {
            if (session == null && state.status() != LiveStatus.CONNECTING) {
                tryNow();
            }
        }

        synchronized void tryNow() {
            if (stopped || session != null) {
                return;
            }
            if (retry != null) {
                retry.cancel(false);
            }
            state = LiveState.connecting();
            retry = schedule(this::attempt, Duration.ZERO);
        }

        private void attempt() {
            synchronized (this) {
                if (stopped || session != null) {
                    return;
                }
                retry = null;
                if (state.status() != LiveStatus.CONNECTING) {
                    state = LiveState.connecting();
                    changed.run();
                }
            }
            Optional<AgentConnections.Lease> connected = connections.shareConnected(server.host(), server.port());
            if (connected.isPresent()) { // e.g. a console's, with the token its user just typed
                online(connected.get());
                return;
            }
            Optional<SessionSettings> found;
            try {
                found = connector.settingsFor(server);
            } catch (IOException e) {
                failed(LiveStatus.OFFLINE, "Cannot read the stored token: " + e.getMessage());
                return;
            }
            if (found.isEmpty()) {
                // Whether anyone is there comes first: "no token" only for an agent that answers.
                Reachability reached = connections.probe(server.host(), server.port(), true, settings.requestTimeout());
                if (reached.reachable()) {
                    failed(LiveStatus.NO_TOKEN, "No token stored for " + server.endpoint() + ": open its console to enter one.");
                } else {
                    failed(LiveStatus.OFFLINE, reached.reason());
                }
                return;
            }
            // Never pin a new certificate here: trusting an agent is the user's decision, in its console.
            AgentConnections.Lease candidate = connections.acquire(found.get().withTrustNew(false));
            try {
                candidate.connect();
            } catch (IOException | RuntimeException e) {
                candidate.close();
                failed(e instanceof IOException ? ConnectFailure.statusOf(e) : LiveStatus.OFFLINE, e.getMessage());
                return;
            }
            online(candidate);
        }

        private void online(AgentConnections.Lease taken) {
            AgentSession shared = taken.session();
            synchronized (this) {
                if (stopped) {
                    taken.close();
                    return;
                }
                lease = taken;
                session = shared;
                backoff.reset();
                figures = AgentAnswers.Figures.NONE;
                latency = null;
                watchRefused = false;
                state = LiveState.online(figures, latency);
            }
            shared.addListener(this);
            if (shared.status() != SessionStatus.CONNECTED) {
                lost(shared, "The connection to " + server.endpoint() + " ended.");
                return;
            }
            changed.run();
            subscribeIfNeeded();
            measureLatency().whenComplete((ignored, error) -> changed.run());
            askHistory(shared);
        }

        /** An agent without {@code history} (an older version), or one that fails, just leaves the past empty. */
        private void askHistory(AgentSession shared) {
            for (String command : HISTORY_COMMANDS) {
                try {
                    shared.send(command).orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .thenAccept(reply -> {
                                if (reply.isOk() && !stopped) {
                                    historyListener.history(server, MetricJson.history(reply.stdout()));
                                }
                            }).exceptionally(error -> null);
                } catch (IllegalStateException lostMeanwhile) {
                    return;
                }
            }
        }

        private void failed(LiveStatus status, String reason) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                state = LiveState.failed(status, reason);
                Duration delay = backoff.next();
                if (status != LiveStatus.AUTH_FAILED) {
                    retry = schedule(this::attempt, delay);
                }
            }
            changed.run();
        }

        @Override
        public void statusChanged(AgentSession changedSession, SessionStatus status, String reason) {
            if (status == SessionStatus.DISCONNECTED) {
                lost(changedSession, reason == null ? "The session to " + server.endpoint() + " was closed." : reason);
            }
        }

        private void lost(AgentSession lostSession, String reason) {
            AgentConnections.Lease released;
            synchronized (this) {
                if (stopped || session != lostSession) {
                    return;
                }
                session = null;
                subscription = null; // it failed with the session
                released = lease;
                lease = null;
                backoff.reset();
                state = LiveState.failed(LiveStatus.OFFLINE, reason);
                retry = schedule(this::attempt, backoff.next());
            }
            lostSession.removeListener(this);
            released.close();
            changed.run();
        }

        /** Starts the session's subscription unless it runs, or the agent refused it on this session. */
        void subscribeIfNeeded() {
            AgentSession current;
            synchronized (this) {
                if (session == null || subscription != null || watchRefused || stopped) {
                    return;
                }
                current = session;
            }
            WatchLines lines = new WatchLines(line -> sampled(current, line));
            CommandCall started;
            try {
                started = current.execute(watchCommand, null, chunk -> {
                    if (chunk.kind() == OutputKind.STDOUT) {
                        lines.accept(chunk.text());
                    }
                });
            } catch (IllegalStateException lostMeanwhile) { // the listener reports the loss
                return;
            }
            boolean keep;
            synchronized (this) {
                keep = session == current && subscription == null && !stopped;
                if (keep) {
                    subscription = started;
                }
            }
            if (!keep) {
                started.cancel();
                return;
            }
            started.result().whenComplete((result, failure) -> subscriptionEnded(current, started, result));
        }

        /** One sample of the subscription, on the connection's thread. */
        private void sampled(AgentSession from, String line) {
            if (line.isBlank()) {
                return;
            }
            AgentAnswers.Figures read = AgentAnswers.read(line);
            synchronized (this) {
                if (session == from && !stopped) {
                    figures = read;
                    state = LiveState.online(figures, latency);
                }
            }
        }

        /** The agent ended the subscription (a failed result is the session's loss, which the listener handles). */
        private synchronized void subscriptionEnded(AgentSession from, CommandCall ended, Result result) {
            if (subscription != ended) {
                return;
            }
            subscription = null;
            if (result != null && session == from
                    && (result.status() == ResultStatus.UNKNOWN_COMMAND || result.status() == ResultStatus.FORBIDDEN)) {
                watchRefused = true;
                figures = AgentAnswers.Figures.NONE;
                state = LiveState.online(figures, latency);
            }
        }

        /** Measures the keepalive round trip; a timeout or failure shows '?' until the next one. */
        CompletableFuture<Void> measureLatency() {
            AgentSession current;
            synchronized (this) {
                if (session == null || measuring || stopped) {
                    return CompletableFuture.completedFuture(null);
                }
                measuring = true;
                current = session;
            }
            try {
                return current.roundTrip()
                        .orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .handle((measured, error) -> {
                            recordLatency(current, measured);
                            return null;
                        });
            } catch (IllegalStateException e) { // lost meanwhile: the listener reports it
                synchronized (this) {
                    measuring = false;
                }
                return CompletableFuture.completedFuture(null);
            }
        }

        private synchronized void recordLatency(AgentSession measured, Duration roundTrip) {
            measuring = false;
            if (session == measured && !stopped) {
                latency = roundTrip;
                state = LiveState.online(figures, latency);
            }
        }

        void stop() {
            AgentSession current;
            AgentConnections.Lease released;
            CommandCall running;
            synchronized (this) {
                stopped = true;
                running = subscription;
                subscription = null;
                if (retry != null) {
                    retry.cancel(false);
                    retry = null;
                }
                current = session;
                session = null;
                released = lease;
                lease = null;
            }
            if (current != null) {
                current.removeListener(this);
                // a console may keep the shared session: the subscription must not outlive the monitor
                if (running != null && current.status() == SessionStatus.CONNECTED) {
                    running.cancel();
                }
                released.close();
            }
        }
    }
}
