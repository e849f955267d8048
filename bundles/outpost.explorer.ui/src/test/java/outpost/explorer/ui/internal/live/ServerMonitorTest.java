package outpost.explorer.ui.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import outpost.client.AgentConnections;
import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.OutputListener;
import outpost.client.Reachability;
import outpost.client.SessionFactory;
import outpost.client.SessionListener;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.console.ui.AgentConnector;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.transport.PeerError;
import outpost.servers.Server;

import outpost.testing.Conditions;

/** The monitor against scripted sessions: states, parsing, reconnects, backoff and clean shutdown. */
class ServerMonitorTest {

    private static final Server UP = new Server("up", "up.example", 5005, "lab");
    private static final Server DOWN = new Server("down", "down.example", 5005, "lab");
    private static final Server LOCKED = new Server("locked", "locked.example", 5005, "lab");
    private static final Server NO_TOKEN = new Server("no token", "no-token.example", 5005, "");
    private static final Server NO_TOKEN_DOWN = new Server("no token, down", "nothing-here.invalid", 5005, "");

    private final FakeAgents agents = new FakeAgents();
    private final FakeConnections connections = new FakeConnections(agents);
    private final FakeConnector connector = new FakeConnector();
    private final AtomicInteger changes = new AtomicInteger();
    private final ServerMonitor monitor = new ServerMonitor(connections, connector,
            new ServerMonitor.Settings(Duration.ofMillis(40), Duration.ofMillis(160), Duration.ofSeconds(5)),
            changes::incrementAndGet);

    @AfterEach
    void close() throws InterruptedException {
        monitor.close();
        assertTrue(monitor.awaitTermination(Duration.ofSeconds(10)), "the monitor's threads end after close");
    }

    @Test
    void aReachableServerTurnsOnlineWithCpuRamAndLatency() throws Exception {
        monitor.connect(List.of(UP));
        waitUntil("CPU and RAM are read", () -> state(UP).cpuPercent().isPresent() && state(UP).ramPercent().isPresent());
        LiveState state = state(UP);
        assertEquals(LiveStatus.ONLINE, state.status());
        assertEquals(OptionalDouble.of(12.5), state.cpuPercent());
        assertEquals(OptionalDouble.of(38.1), state.ramPercent());
        assertTrue(state.latency() != null && !state.latency().isNegative());
        assertEquals("12.5 %", state.cpuText());
        assertFalse(agents.created.get(0).settings().trustNew(), "the monitor never trusts a new certificate by itself");
        assertEquals(1, agents.created.size(), "one session per server, kept between samples");
        int sampled = agents.created.get(0).requests.get();
        waitUntil("it samples again each refresh", () -> agents.created.get(0).requests.get() >= sampled + 4);
        assertEquals(1, agents.created.size());
    }

    @Test
    void unreadableAnswersShowAQuestionMark() throws Exception {
        agents.cpuAnswer = "CPU: n/a (sampling) used, 2 logical cores (2 physical)";
        monitor.connect(List.of(UP));
        waitUntil("RAM is read", () -> state(UP).ramPercent().isPresent());
        assertEquals("?", state(UP).cpuText());
        assertEquals("38.1 %", state(UP).ramText());
    }

    @Test
    void unreachableServersAreRetriedWithBackoffAndEveryFailedSessionIsClosed() throws Exception {
        monitor.connect(List.of(DOWN));
        waitUntil("several attempts", () -> agents.attempts(DOWN) >= 4);
        assertEquals(LiveStatus.OFFLINE, state(DOWN).status());
        assertEquals("Connection refused", state(DOWN).reason());
        assertEquals("", state(DOWN).cpuText(), "no values while offline");
        waitUntil("failed sessions are closed", () -> agents.created.stream().allMatch(session -> session.closed));
    }

    @Test
    void aRefusedTokenIsNotRetriedButAnUnreachableServerIs() throws Exception {
        monitor.connect(List.of(LOCKED, DOWN));
        waitUntil("the token is refused", () -> state(LOCKED).status() == LiveStatus.AUTH_FAILED);
        waitUntil("the other server is retried three times", () -> agents.attempts(DOWN) >= 4);
        assertEquals(1, agents.attempts(LOCKED), "retrying a refused token would only get the address locked out");
        monitor.connect(List.of(LOCKED));
        waitUntil("connecting by hand tries again", () -> agents.attempts(LOCKED) == 2);
    }

    @Test
    void withoutAStoredTokenAnAgentThatAnswersShowsNoTokenAndNothingLogsIn() throws Exception {
        monitor.connect(List.of(NO_TOKEN));
        waitUntil("no token is shown", () -> state(NO_TOKEN).status() == LiveStatus.NO_TOKEN);
        assertEquals(0, agents.created.size());
        assertTrue(connections.probes.contains("no-token.example:5005"), "the address was probed");
    }

    @Test
    void withoutAStoredTokenAServerWhereNothingListensIsOfflineWithTheReason() throws Exception {
        monitor.connect(List.of(NO_TOKEN_DOWN));
        waitUntil("offline is shown", () -> state(NO_TOKEN_DOWN).status() == LiveStatus.OFFLINE);
        assertEquals("Unknown host 'nothing-here.invalid': the name does not resolve to an address.",
                state(NO_TOKEN_DOWN).reason());
        waitUntil("it is probed again later", () -> connections.probes.stream()
                .filter("nothing-here.invalid:5005"::equals).count() >= 3);
        assertEquals(0, agents.created.size());
    }

    @Test
    void aConsoleConnectingWithANewTokenBringsTheRowOnlineAtOnce() throws Exception {
        // refreshes and retries an hour apart: only the registry's word can bring the row online
        try (ServerMonitor slow = new ServerMonitor(connections, connector,
                new ServerMonitor.Settings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(5)), () -> {
                })) {
            slow.connect(List.of(NO_TOKEN));
            waitUntil("no token is shown", () -> slow.state(NO_TOKEN).orElseThrow().status() == LiveStatus.NO_TOKEN);
            // the console's token is not stored yet (it is, once accepted, in the background)
            AgentConnections.Lease console = connections.acquire(SessionSettings.of(NO_TOKEN.host(), NO_TOKEN.port(),
                    "typed", Path.of("known_agents")));
            console.session().connect();
            waitUntil("online through the console's session",
                    () -> slow.state(NO_TOKEN).orElseThrow().status() == LiveStatus.ONLINE);
            assertEquals(1, agents.created.size(), "the monitor shares the console's session");
            assertEquals(2, connections.users(NO_TOKEN));
            console.close();
            assertEquals(SessionStatus.CONNECTED, agents.created.get(0).status(), "the monitor still holds it");
            slow.disconnect(List.of(NO_TOKEN));
            assertEquals(0, connections.users(NO_TOKEN));
            assertTrue(agents.created.get(0).closed, "the last user let go: the session is closed");
        }
    }

    @Test
    void aLostSessionIsReplacedByANewOne() throws Exception {
        monitor.connect(List.of(UP));
        waitUntil("online", () -> state(UP).cpuPercent().isPresent());
        FakeSession first = agents.created.get(0);
        first.drop("Lost the connection to up.example:5005: reset");
        waitUntil("reconnected with a new session", () -> agents.created.size() == 2 && state(UP).status() == LiveStatus.ONLINE);
        assertTrue(first.closed);
        assertTrue(first.listeners.isEmpty(), "the monitor stops listening to the lost session");
    }

    @Test
    void disconnectClosesTheSessionAndForgetsTheServer() throws Exception {
        monitor.connect(List.of(UP, DOWN));
        waitUntil("online", () -> state(UP).status() == LiveStatus.ONLINE);
        monitor.disconnect(List.of(UP, DOWN));
        assertFalse(monitor.isMonitored(UP));
        assertEquals(Optional.empty(), monitor.state(UP));
        assertTrue(monitor.snapshot().isEmpty());
        assertTrue(agents.created.stream().filter(s -> s.settings().port() == 5005 && s.settings().host().equals("up.example"))
                .allMatch(s -> s.closed));
        int attempts = agents.attempts(DOWN);
        monitor.connect(List.of(UP));
        waitUntil("the other server is sampled a few times", () -> agents.created.get(agents.created.size() - 1).requests.get() >= 6);
        assertEquals(attempts, agents.attempts(DOWN), "a disconnected server is not retried");
    }

    @Test
    void closeClosesEverySession() throws Exception {
        monitor.connect(List.of(UP));
        waitUntil("online", () -> state(UP).status() == LiveStatus.ONLINE);
        monitor.close();
        assertTrue(monitor.awaitTermination(Duration.ofSeconds(10)));
        assertTrue(agents.created.stream().allMatch(session -> session.closed));
        monitor.connect(List.of(DOWN)); // after close: no effect, no exception
    }

    private LiveState state(Server server) {
        return monitor.state(server).orElseThrow();
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        Conditions.waitUntil(what, condition, Duration.ofSeconds(20));
    }

    /** Shares one session per address among its leases, as the client's registry does; probes as scripted. */
    private static final class FakeConnections implements AgentConnections {
        private final FakeAgents agents;
        private final Map<String, AgentSession> shared = new ConcurrentHashMap<>();
        private final Map<AgentSession, AtomicInteger> users = new ConcurrentHashMap<>();
        private final List<Listener> listeners = new CopyOnWriteArrayList<>();
        final List<String> probes = new CopyOnWriteArrayList<>();

        FakeConnections(FakeAgents agents) {
            this.agents = agents;
        }

        @Override
        public Reachability probe(String host, int port, boolean tls, Duration timeout) {
            probes.add(host + ":" + port);
            return host.endsWith(".invalid")
                    ? Reachability.unreachable("Unknown host '" + host + "': the name does not resolve to an address.")
                    : Reachability.reachable("SHA256:agent");
        }

        @Override
        public synchronized Optional<Lease> shareConnected(String host, int port) {
            AgentSession session = shared.get(AgentConnections.endpoint(host, port));
            return session == null || session.status() != SessionStatus.CONNECTED ? Optional.empty()
                    : Optional.of(acquire(session.settings()));
        }

        @Override
        public synchronized Lease acquire(SessionSettings settings) {
            String endpoint = AgentConnections.endpoint(settings.host(), settings.port());
            AgentSession session = shared.get(endpoint);
            if (session == null || session.status() == SessionStatus.DISCONNECTED) {
                FakeSession created = agents.create(settings);
                created.onConnected = () -> listeners.forEach(listener -> listener.connected(endpoint, created));
                session = created;
                shared.put(endpoint, session);
            }
            AgentSession leased = session;
            users.computeIfAbsent(leased, s -> new AtomicInteger()).incrementAndGet();
            boolean[] released = new boolean[1];
            return new Lease() {
                @Override
                public AgentSession session() {
                    return leased;
                }

                @Override
                public synchronized void close() {
                    if (!released[0] && users.get(leased).decrementAndGet() == 0) {
                        leased.close();
                    }
                    released[0] = true;
                }
            };
        }

        int users(Server server) {
            AgentSession session = shared.get(AgentConnections.endpoint(server.host(), server.port()));
            return session == null ? 0 : users.get(session).get();
        }

        @Override
        public void addListener(Listener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(Listener listener) {
            listeners.remove(listener);
        }
    }

    private static final class FakeConnector implements AgentConnector {
        /** Servers without a token that have one now. */
        final List<Server> tokens = new CopyOnWriteArrayList<>();

        @Override
        public Optional<SessionSettings> settingsFor(Server server) {
            return server.host().startsWith("no") && !tokens.contains(server) ? Optional.empty()
                    : Optional.of(SessionSettings.of(server.host(), server.port(), "token", Path.of("known_agents")));
        }

        @Override
        public void rememberToken(Server server, String token) {
        }

        @Override
        public void forgetToken(Server server) {
        }

        @Override
        public void trust(Server server, String fingerprint) {
        }
    }

    /** Agents as scripted: up.example answers, down.example refuses connections, locked.example refuses the token. */
    private static final class FakeAgents implements SessionFactory {
        final List<FakeSession> created = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        volatile String cpuAnswer = "CPU: 12.5 % used, 8 logical cores (4 physical)\nModel: x";

        @Override
        public FakeSession create(SessionSettings settings) {
            FakeSession session = new FakeSession(settings, this);
            created.add(session);
            return session;
        }

        int attempts(Server server) {
            AtomicInteger count = attempts.get(server.host());
            return count == null ? 0 : count.get();
        }
    }

    private static final class FakeSession implements AgentSession {
        private final SessionSettings settings;
        private final FakeAgents agents;
        final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
        final AtomicInteger requests = new AtomicInteger();
        volatile SessionStatus status = SessionStatus.DISCONNECTED;
        volatile boolean closed;
        volatile Runnable onConnected = () -> {
        };

        FakeSession(SessionSettings settings, FakeAgents agents) {
            this.settings = settings;
            this.agents = agents;
        }

        @Override
        public void connect() throws IOException {
            agents.attempts.computeIfAbsent(settings.host(), h -> new AtomicInteger()).incrementAndGet();
            switch (settings.host()) {
            case "up.example", "no-token.example" -> {
                status = SessionStatus.CONNECTED;
                onConnected.run();
            }
            case "locked.example" -> throw new IOException("The agent refused the token.",
                    new PeerError(ErrorReport.fatal(ErrorCode.AUTH_FAILED, "bad token")));
            default -> throw new IOException("Connection refused", new ConnectException("refused"));
            }
        }

        void drop(String reason) {
            status = SessionStatus.DISCONNECTED;
            listeners.forEach(listener -> listener.statusChanged(this, SessionStatus.DISCONNECTED, reason));
        }

        @Override
        public CommandCall execute(String commandLine, Duration timeout, OutputListener listener) {
            if (status != SessionStatus.CONNECTED) {
                throw new IllegalStateException("not connected");
            }
            int id = requests.incrementAndGet();
            String answer = switch (commandLine) {
            case "cpu" -> agents.cpuAnswer;
            case "ram" -> "RAM: 5.9 GiB used of 15.5 GiB (38.1 %), 9.6 GiB available\nSwap: 0 B used of 2.0 GiB";
            default -> "";
            };
            listener.output(new Output(id, OutputKind.STDOUT, answer));
            CompletableFuture<Result> result = CompletableFuture.completedFuture(Result.ok(id, 1));
            return new CommandCall() {
                @Override
                public int id() {
                    return id;
                }

                @Override
                public CompletableFuture<Result> result() {
                    return result;
                }

                @Override
                public void cancel() {
                }
            };
        }

        @Override
        public SessionSettings settings() {
            return settings;
        }

        @Override
        public SessionStatus status() {
            return status;
        }

        @Override
        public Optional<Hello> hello() {
            return Optional.empty();
        }

        @Override
        public List<String> roles() {
            return List.of();
        }

        @Override
        public Optional<String> fingerprint() {
            return Optional.empty();
        }

        @Override
        public void addListener(SessionListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(SessionListener listener) {
            listeners.remove(listener);
        }

        @Override
        public void close() {
            closed = true;
            status = SessionStatus.DISCONNECTED;
        }
    }
}
