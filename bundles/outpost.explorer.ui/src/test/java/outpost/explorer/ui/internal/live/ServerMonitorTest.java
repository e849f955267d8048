package outpost.explorer.ui.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import outpost.client.AgentConnections;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.console.ui.AgentConnector;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.ResultStatus;
import outpost.transport.PeerError;
import outpost.metrics.MetricHistory;
import outpost.servers.Server;

import outpost.testing.Conditions;
import outpost.testing.client.FakeAgent;
import outpost.testing.client.FakeAgentConnections;
import outpost.testing.client.FakeAgentSession;
import outpost.testing.client.FakeStream;

/** The monitor against scripted sessions: states, parsing, reconnects, backoff and clean shutdown. */
class ServerMonitorTest {

    private static final Server UP = new Server("up", "up.example", 5005, "lab");
    private static final Server DOWN = new Server("down", "down.example", 5005, "lab");
    private static final Server LOCKED = new Server("locked", "locked.example", 5005, "lab");
    private static final Server NO_TOKEN = new Server("no token", "no-token.example", 5005, "");
    private static final Server NO_TOKEN_DOWN = new Server("no token, down", "nothing-here.invalid", 5005, "");

    /** The subscription for the 40 ms refresh these tests use: the agent samples in whole seconds. */
    private static final String WATCH = "watch 1 cpu,ram,disk,net";
    private static final String SAMPLE = "{\"time\":1,\"cpu\":{\"totalPercent\":12.5,\"perCorePercent\":[12.5]},"
            + "\"ram\":{\"usedBytes\":6096000000,\"totalBytes\":16000000000}}";

    private final FakeAgent agent = scriptedAgent();
    private final FakeAgentConnections connections = new FakeAgentConnections(agent);
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
    void aReachableServerTurnsOnlineWithCpuRamFromOneSubscriptionAndLatencyFromKeepalives() throws Exception {
        monitor.connect(List.of(UP));
        FakeStream watch = subscription();
        watch.write(SAMPLE.substring(0, 20));
        watch.write(SAMPLE.substring(20) + "\n");
        waitUntil("CPU and RAM are read", () -> state(UP).cpuPercent().isPresent() && state(UP).ramPercent().isPresent());
        waitUntil("the latency is measured", () -> state(UP).latency() != null);
        LiveState state = state(UP);
        assertEquals(LiveStatus.ONLINE, state.status());
        assertEquals(OptionalDouble.of(12.5), state.cpuPercent());
        assertEquals(OptionalDouble.of(38.1), state.ramPercent());
        assertEquals(Duration.ofNanos(250_000), state.latency(), "the session's keepalive round trip");
        assertEquals("12.5 %", state.cpuText());
        assertFalse(agent.created().get(0).settings().trustNew(), "the monitor never trusts a new certificate by itself");
        assertEquals(1, agent.created().size(), "one session per server, kept between samples");
        // the history is asked once per session, beside the subscription, and may still be on its way
        waitUntil("the subscription and the history asked", () -> agent.created().get(0).requests()
                >= 1 + ServerMonitor.HISTORY_COMMANDS.size());
        int requests = agent.created().get(0).requests();
        int measured = agent.created().get(0).roundTrips();
        waitUntil("the latency is measured again each refresh", () -> agent.created().get(0).roundTrips() >= measured + 4);
        assertEquals(requests, agent.created().get(0).requests(),
                "no command per refresh: the agent audits the one subscription, not each sample");
        assertEquals(1, agent.started(WATCH).size());
        watch.write(SAMPLE.replace("12.5,\"per", "80.0,\"per") + "\n");
        waitUntil("the next sample shows", () -> "80.0 %".equals(state(UP).cpuText()));
        assertEquals(1, agent.created().size());
    }

    @Test
    void aSubscriptionTheAgentEndsIsStartedAgainButARefusedOneIsNot() throws Exception {
        monitor.connect(List.of(UP));
        subscription().end(ResultStatus.FAILED);
        waitUntil("subscribed again at a refresh", () -> agent.started(WATCH).size() == 2);
        FakeAgent older = new FakeAgent(); // no watch: UNKNOWN_COMMAND
        try (ServerMonitor withOlder = new ServerMonitor(new FakeAgentConnections(older), connector,
                new ServerMonitor.Settings(Duration.ofMillis(40), Duration.ofMillis(160), Duration.ofSeconds(5)), () -> { })) {
            withOlder.connect(List.of(UP));
            waitUntil("online", () -> withOlder.state(UP).orElseThrow().status() == LiveStatus.ONLINE);
            waitUntil("several refreshes", () -> older.created().get(0).roundTrips() >= 5);
            assertEquals(1 + ServerMonitor.HISTORY_COMMANDS.size(), older.created().get(0).requests(),
                    "a refused watch is asked once per session, not at every refresh");
            assertEquals("?", withOlder.state(UP).orElseThrow().cpuText());
        }
    }

    @Test
    void disconnectingCancelsTheSubscriptionOnASessionAConsoleKeeps() throws Exception {
        AgentConnections.Lease console = connections.acquire(SessionSettings.of(UP.host(), UP.port(), "typed",
                Path.of("known_agents")));
        console.session().connect();
        monitor.connect(List.of(UP));
        FakeStream watch = subscription();
        monitor.disconnect(List.of(UP));
        assertTrue(watch.cancelled(), "the monitor's subscription ends with the monitor's share");
        assertEquals(SessionStatus.CONNECTED, console.session().status(), "the console keeps its session");
        console.close();
    }

    @Test
    void theAgentsOwnHistoryIsAskedOnceASessionAndHandedOn() throws Exception {
        List<MetricHistory> histories = new CopyOnWriteArrayList<>();
        agent.answer("history 1h cpu,ram", "{\"from\":0,\"to\":3600000,\"stepSeconds\":60,\"samples\":"
                + "[{\"time\":60000,\"cpu\":{\"totalPercent\":55.5,\"perCorePercent\":[]}}]}");
        agent.answer("history 10m cpu,ram", "not json");
        try (ServerMonitor withHistory = new ServerMonitor(connections, connector,
                new ServerMonitor.Settings(Duration.ofMillis(40), Duration.ofMillis(160), Duration.ofSeconds(5)),
                () -> { }, (server, history) -> histories.add(history))) {
            withHistory.connect(List.of(UP));
            waitUntil("the hour is handed on", () -> histories.size() == 1);
            waitUntil("a few refreshes", () -> agent.created().get(0).roundTrips() >= 4);
            assertEquals(1, histories.size(), "asked once per session, and an unreadable answer is dropped");
            assertEquals(55.5, histories.get(0).samples().get(0).cpu().totalPercent());
        }
    }

    @Test
    void unreadableAnswersShowAQuestionMark() throws Exception {
        monitor.connect(List.of(UP));
        subscription().write("{\"time\":1,\"cpu\":{\"perCorePercent\":[]},"
                + "\"ram\":{\"usedBytes\":6096000000,\"totalBytes\":16000000000}}\n"); // no CPU figure yet
        waitUntil("RAM is read", () -> state(UP).ramPercent().isPresent());
        assertEquals("?", state(UP).cpuText());
        assertEquals("38.1 %", state(UP).ramText());
    }

    @Test
    void unreachableServersAreRetriedWithBackoffAndEveryFailedSessionIsClosed() throws Exception {
        monitor.connect(List.of(DOWN));
        waitUntil("several attempts", () -> agent.attempts(DOWN.host()) >= 4);
        assertEquals(LiveStatus.OFFLINE, state(DOWN).status());
        assertEquals("Connection refused", state(DOWN).reason());
        assertEquals("", state(DOWN).cpuText(), "no values while offline");
        waitUntil("failed sessions are closed", () -> agent.created().stream().allMatch(FakeAgentSession::closed));
    }

    @Test
    void aRefusedTokenIsNotRetriedButAnUnreachableServerIs() throws Exception {
        monitor.connect(List.of(LOCKED, DOWN));
        waitUntil("the token is refused", () -> state(LOCKED).status() == LiveStatus.AUTH_FAILED);
        waitUntil("the other server is retried three times", () -> agent.attempts(DOWN.host()) >= 4);
        assertEquals(1, agent.attempts(LOCKED.host()), "retrying a refused token would only get the address locked out");
        monitor.connect(List.of(LOCKED));
        waitUntil("connecting by hand tries again", () -> agent.attempts(LOCKED.host()) == 2);
    }

    @Test
    void withoutAStoredTokenAnAgentThatAnswersShowsNoTokenAndNothingLogsIn() throws Exception {
        monitor.connect(List.of(NO_TOKEN));
        waitUntil("no token is shown", () -> state(NO_TOKEN).status() == LiveStatus.NO_TOKEN);
        assertEquals(0, agent.created().size());
        assertTrue(connections.probes().contains("no-token.example:5005"), "the address was probed");
    }

    @Test
    void withoutAStoredTokenAServerWhereNothingListensIsOfflineWithTheReason() throws Exception {
        monitor.connect(List.of(NO_TOKEN_DOWN));
        waitUntil("offline is shown", () -> state(NO_TOKEN_DOWN).status() == LiveStatus.OFFLINE);
        assertEquals("Unknown host 'nothing-here.invalid': the name does not resolve to an address.",
                state(NO_TOKEN_DOWN).reason());
        waitUntil("it is probed again later", () -> connections.probes().stream()
                .filter("nothing-here.invalid:5005"::equals).count() >= 3);
        assertEquals(0, agent.created().size());
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
            assertEquals(1, agent.created().size(), "the monitor shares the console's session");
            assertEquals(2, connections.users(NO_TOKEN.host(), NO_TOKEN.port()));
            console.close();
            assertEquals(SessionStatus.CONNECTED, agent.created().get(0).status(), "the monitor still holds it");
            slow.disconnect(List.of(NO_TOKEN));
            assertEquals(0, connections.users(NO_TOKEN.host(), NO_TOKEN.port()));
            assertTrue(agent.created().get(0).closed(), "the last user let go: the session is closed");
        }
    }

    @Test
    void aLostSessionIsReplacedByANewOne() throws Exception {
        monitor.connect(List.of(UP));
        FakeStream firstWatch = subscription();
        firstWatch.write(SAMPLE + "\n");
        waitUntil("online", () -> state(UP).cpuPercent().isPresent());
        FakeAgentSession first = agent.created().get(0);
        first.drop("Lost the connection to up.example:5005: reset");
        waitUntil("reconnected with a new session", () -> agent.created().size() == 2 && state(UP).status() == LiveStatus.ONLINE);
        waitUntil("subscribed on the new session", () -> agent.started(WATCH).size() == 2);
        assertTrue(firstWatch.ended(), "the lost session's subscription failed with it");
        assertEquals(OptionalDouble.empty(), state(UP).cpuPercent(), "no figure of the lost session is shown as the new one's");
        assertTrue(first.closed());
        assertTrue(first.listeners().isEmpty(), "the monitor stops listening to the lost session");
    }

    @Test
    void disconnectClosesTheSessionAndForgetsTheServer() throws Exception {
        monitor.connect(List.of(UP, DOWN));
        waitUntil("online", () -> state(UP).status() == LiveStatus.ONLINE);
        monitor.disconnect(List.of(UP, DOWN));
        assertFalse(monitor.isMonitored(UP));
        assertEquals(Optional.empty(), monitor.state(UP));
        assertTrue(monitor.snapshot().isEmpty());
        assertTrue(agent.created().stream().filter(s -> s.settings().port() == 5005 && s.settings().host().equals("up.example"))
                .allMatch(FakeAgentSession::closed));
        int attempts = agent.attempts(DOWN.host());
        monitor.connect(List.of(UP));
        waitUntil("the other server is measured a few times", () -> agent.last().roundTrips() >= 4);
        assertEquals(attempts, agent.attempts(DOWN.host()), "a disconnected server is not retried");
    }

    @Test
    void closeClosesEverySession() throws Exception {
        monitor.connect(List.of(UP));
        waitUntil("online", () -> state(UP).status() == LiveStatus.ONLINE);
        monitor.close();
        assertTrue(monitor.awaitTermination(Duration.ofSeconds(10)));
        assertTrue(agent.created().stream().allMatch(FakeAgentSession::closed));
        monitor.connect(List.of(DOWN)); // after close: no effect, no exception
    }

    /** up.example and no-token.example let sessions in, locked.example refuses the token, other hosts refuse connections. */
    private static FakeAgent scriptedAgent() {
        FakeAgent agent = new FakeAgent();
        agent.admitWith(settings -> {
            switch (settings.host()) {
            case "up.example", "no-token.example" -> {
            }
            case "locked.example" -> throw new IOException("The agent refused the token.",
                    new PeerError(ErrorReport.fatal(ErrorCode.AUTH_FAILED, "bad token")));
            default -> throw new IOException("Connection refused", new ConnectException("refused"));
            }
        });
        agent.streams(WATCH);
        return agent;
    }

    /** The monitor's subscription on the newest session, once started. */
    private FakeStream subscription() throws InterruptedException {
        waitUntil("the monitor subscribes", () -> !agent.started(WATCH).isEmpty());
        List<FakeStream> started = agent.started(WATCH);
        return started.get(started.size() - 1);
    }

    private LiveState state(Server server) {
        return monitor.state(server).orElseThrow();
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        Conditions.waitUntil(what, condition, Duration.ofSeconds(20));
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
}
