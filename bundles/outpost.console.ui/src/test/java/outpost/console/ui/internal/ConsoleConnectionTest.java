package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.client.AgentConnections;
import outpost.client.CertificateChangedException;
import outpost.client.SessionStatus;
import outpost.client.UntrustedAgentException;
import outpost.console.ui.ConsolePreferences;
import outpost.console.ui.internal.ConnectionFakes.ManualThreads;
import outpost.console.ui.internal.ConnectionFakes.MemoryCredentials;
import outpost.console.ui.internal.ConnectionFakes.RecordingConsole;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.servers.Server;
import outpost.testing.client.FakeAgent;
import outpost.testing.client.FakeAgentConnections;

/** The connection lifecycle of a console without a display: what it shows, asks, retries and refuses. */
class ConsoleConnectionTest {

    private static final Server SERVER = new Server("lab", "lab.example", 5005, "");
    private static final String REFUSED = "Connection refused by lab.example:5005";

    private final ManualThreads threads = new ManualThreads();
    private final FakeAgent agent = new FakeAgent();
    private final FakeAgentConnections connections = new FakeAgentConnections(agent);
    private final MemoryCredentials credentials = new MemoryCredentials();
    private final RecordingConsole console = new RecordingConsole();
    private ConsolePreferences preferences = ConsolePreferences.DEFAULTS;
    private ConsoleConnection connection;

    @BeforeEach
    void aConsoleWithAStoredTokenAndAPinnedCertificate() {
        credentials.rememberToken(SERVER, "secret");
        credentials.remember(SERVER.host(), SERVER.port(), FakeAgent.FINGERPRINT);
        credentials.log.clear();
        connection = new ConsoleConnection(SERVER, new ConsoleConnection.Context(connections, () -> credentials,
                () -> preferences, threads, threads), console);
    }

    @Test
    void connectsWithTheStoredTokenWithoutTrustingNewAgentsAndGreets() {
        connect();
        assertEquals("Connecting to lab.example:5005 ...", console.transcript.get(0));
        assertEquals("Connected to lab-host (agent 0.1.0, protocol 1.0), roles: read, execute, admin\n"
                + "TLS, certificate SHA256:agent", console.lastLine());
        assertEquals(List.of(SessionStatus.CONNECTING, SessionStatus.CONNECTED),
                console.states.stream().map(ConnectionState::status).toList());
        assertTrue(console.state().admin() && console.state().canSend(), "an admin token may reset and kill");
        assertEquals(1, console.started);
        assertEquals("secret", agent.last().settings().token());
        assertFalse(agent.last().settings().trustNew(), "a new agent needs the user's word");
        assertTrue(threads.tasks.stream().noneMatch(ManualThreads.ScheduledTask::system), "the user sees work they asked for");
        assertTrue(connection.connectedSession().isPresent());
    }

    @Test
    void aReadOnlyTokenMayNotResetOrKill() {
        agent.grant("read");
        connect();
        assertTrue(console.state().canSend());
        assertFalse(console.state().admin());
    }

    @Test
    void aLostConnectionIsRetriedWithDoublingDelaysStartingOverAfterASuccess() {
        connect();
        agent.last().drop("The connection to lab.example:5005 was lost");
        threads.settle();
        assertEquals("disconnected", console.state().label());
        assertFalse(console.state().canSend());
        assertTrue(console.said("ERROR The connection to lab.example:5005 was lost"));
        assertEquals("Reconnecting in 1 s ...", console.lastLine());
        assertEquals(1000, threads.delayed().orElseThrow().delayMillis());
        assertTrue(threads.delayed().orElseThrow().system(), "a reconnect is not the user's work");
        assertTrue(connection.connectedSession().isEmpty());

        agent.failNext(new IOException(REFUSED), new IOException(REFUSED));
        threads.runDelayed();
        assertEquals("Reconnect attempt 1 failed: " + REFUSED + "\nReconnecting in 2 s ...", console.lastLine());
        threads.runDelayed();
        assertEquals("Reconnect attempt 2 failed: " + REFUSED + "\nReconnecting in 4 s ...", console.lastLine());
        assertTrue(console.failureDialogs.isEmpty(), "failed reconnects are lines, not dialogs");
        threads.runDelayed();
        assertEquals("connected", console.state().label());
        assertTrue(threads.waiting().isEmpty(), "nothing more is scheduled once connected");

        agent.last().drop("lost again");
        threads.settle();
        assertEquals("Reconnecting in 1 s ...", console.lastLine(), "a success starts the delays over");
    }

    @Test
    void theDelayIsCappedByThePreference() {
        preferences = new ConsolePreferences(5005, Duration.ofSeconds(5), Duration.ofSeconds(15), true,
                Duration.ofSeconds(3), 10_000, Duration.ofSeconds(5), true);
        connection = new ConsoleConnection(SERVER, new ConsoleConnection.Context(connections, () -> credentials,
                () -> preferences, threads, threads), console);
        connect();
        agent.failNext(new IOException(REFUSED), new IOException(REFUSED), new IOException(REFUSED));
        agent.last().drop("lost");
        threads.settle();
        threads.runDelayed();
        threads.runDelayed();
        assertEquals(3000, threads.delayed().orElseThrow().delayMillis());
        assertTrue(console.lastLine().endsWith("Reconnecting in 3 s ..."), console.lastLine());
    }

    @Test
    void withoutAutoReconnectALossStaysDownUnlessTheAgentAnnouncedARestart() {
        preferences = new ConsolePreferences(5005, Duration.ofSeconds(5), Duration.ofSeconds(15), false,
                Duration.ofSeconds(60), 10_000, Duration.ofSeconds(5), true);
        connect();
        agent.last().drop("lost");
        threads.settle();
        assertEquals("ERROR lost", console.lastLine());
        assertTrue(threads.waiting().isEmpty(), "no reconnect without the preference");

        connection.toggle();
        threads.settle();
        agent.last().notice(new Notice(NoticeKind.RESETTING, "The agent is restarting."));
        agent.last().drop("The agent closed the connection");
        threads.settle();
        assertTrue(console.said("Agent notice: The agent is restarting."));
        assertEquals("agent restarting", console.state().label());
        assertTrue(console.state().agentRestarting());
        assertEquals("Reconnecting in 1 s ...", console.lastLine());
        threads.runDelayed();
        assertEquals("connected", console.state().label(), "the restart notice is forgotten once connected");
    }

    @Test
    void disconnectingOrKillingIsNeverFollowedByAReconnect() {
        connect();
        connection.toggle();
        threads.settle();
        assertTrue(agent.last().closed());
        assertTrue(console.said("Disconnected."));
        assertEquals("disconnected", console.state().label());
        assertTrue(threads.waiting().isEmpty());
        assertEquals(2, console.ended, "what used the session stops: before connecting, and once disconnected");

        connection.toggle(); // connect again
        threads.settle();
        assertEquals("connected", console.state().label());
        connection.stayDisconnected(); // the user confirmed Kill
        agent.last().notice(new Notice(NoticeKind.STOPPING, "The agent is stopping."));
        agent.last().drop("The agent at lab.example:5005 stopped");
        threads.settle();
        assertEquals("ERROR The agent at lab.example:5005 stopped", console.lastLine());
        assertTrue(threads.waiting().isEmpty(), "a killed agent is not called back");
    }

    @Test
    void aRefusedTokenIsForgottenAndNotRetried() {
        connect();
        agent.failNext(new IOException("The agent at lab.example:5005 refused the token"));
        agent.last().drop("lost");
        threads.settle();
        threads.runDelayed();
        assertEquals("ERROR The agent at lab.example:5005 refused the token\nNot reconnecting.", console.lastLine());
        assertTrue(credentials.token(SERVER).isEmpty(), "the refused token is forgotten");
        assertTrue(threads.waiting().isEmpty());
    }

    @Test
    void aFailedConnectTheUserAskedForIsShownInADialogAndNotRetried() {
        agent.failNext(new IOException(REFUSED));
        connect();
        assertEquals("ERROR " + REFUSED, console.lastLine());
        assertEquals(List.of(REFUSED), console.failureDialogs);
        assertTrue(threads.waiting().isEmpty());
        assertEquals("disconnected", console.state().label());
    }

    @Test
    void withoutATokenTheUserIsAskedAndTheTokenKeptButAReconnectJustStops() {
        credentials.forgetToken(SERVER);
        connect();
        assertEquals(1, console.tokenQuestions);
        assertEquals("ERROR Not connected: no token for lab.example:5005.", console.lastLine());

        console.typedToken = Optional.of("typed");
        connection.toggle();
        threads.settle();
        assertEquals("connected", console.state().label());
        assertEquals("typed", agent.last().settings().token());
        assertEquals("typed", credentials.token(SERVER).orElseThrow(), "the token is kept for next time");

        credentials.forgetToken(SERVER);
        agent.last().drop("lost");
        threads.settle();
        threads.runDelayed();
        assertEquals("ERROR Not reconnecting: no token for lab.example:5005.", console.lastLine());
        assertEquals(2, console.tokenQuestions, "a reconnect never opens a dialog by itself");
    }

    @Test
    void aNewAgentIsConnectedOnlyAfterTheUserTrustsAndPinsItsFingerprint() {
        credentials.pins.clear();
        connect();
        assertEquals("trust SHA256:agent", console.questionAbout);
        assertTrue(agent.created().isEmpty(), "nothing logs in before the user trusts the agent");
        assertEquals("disconnected", console.state().label());
        console.answer(true);
        threads.settle();
        assertEquals("SHA256:agent", credentials.fingerprint("lab.example", 5005).orElseThrow());
        assertTrue(console.said("Trusted and pinned SHA256:agent."));
        assertEquals("connected", console.state().label());
    }

    @Test
    void aCertificateNotPinnedWhenTheSessionConnectsIsStillLeftToTheUser() {
        agent.failNext(new UntrustedAgentException("lab.example", 5005, "SHA256:new", "not trusted yet", null));
        connect();
        assertEquals("trust SHA256:new", console.questionAbout);
        console.answer(true);
        threads.settle();
        assertEquals("SHA256:new", credentials.fingerprint("lab.example", 5005).orElseThrow());
        assertEquals("connected", console.state().label());
    }

    @Test
    void refusingTrustLeavesTheConsoleDisconnectedForGood() {
        credentials.pins.clear();
        connect();
        console.answer(false);
        threads.settle();
        assertEquals("ERROR Not connected: you did not trust the certificate of lab.example:5005 (SHA256:agent).",
                console.lastLine());
        assertTrue(credentials.pins.isEmpty());
        assertTrue(agent.created().isEmpty());
        assertTrue(threads.waiting().isEmpty());
    }

    @Test
    void firstContactAsksTrustThenTheTokenAndStoresTheTokenLast() {
        credentials.pins.clear();
        credentials.forgetToken(SERVER);
        credentials.log.clear();
        console.typedToken = Optional.of("typed");
        connect();
        assertEquals(List.of("trust SHA256:agent"), console.questions, "no token question (nor storage) before trust");
        assertTrue(credentials.log.isEmpty(), "secure storage is not opened before trust: no master password yet");
        console.answer(true);
        threads.settle();
        assertEquals(List.of("trust SHA256:agent", "token"), console.questions);
        assertEquals("connected", console.state().label());
        assertEquals(List.of("pinned: SHA256:agent", "token read", "token stored: typed"), credentials.log);
    }

    @Test
    void aTokenTheAgentRefusesIsNeverStoredAndTheUserIsAskedAgain() {
        credentials.forgetToken(SERVER);
        credentials.log.clear();
        console.typedTokens.addAll(List.of("made-up", "right"));
        agent.failNext(new IOException("The agent at lab.example:5005 refused the token."));
        connect();
        assertEquals(2, console.tokenQuestions);
        assertTrue(console.said("ERROR The agent at lab.example:5005 refused the token.\nEnter another token."));
        assertEquals("connected", console.state().label());
        assertEquals("right", agent.last().settings().token());
        assertEquals(List.of("token read", "token read", "token stored: right"), credentials.log,
                "the made-up token never reaches the store");
        assertTrue(console.failureDialogs.isEmpty());
    }

    @Test
    void aStoredTokenTheAgentRefusesIsRemovedAndTheUserIsAskedAgain() {
        console.typedToken = Optional.of("new");
        agent.failNext(new IOException("The agent at lab.example:5005 refused the token."));
        connect();
        assertEquals(List.of("token"), console.questions);
        assertEquals("new", credentials.token(SERVER).orElseThrow());
        assertEquals("connected", console.state().label());
    }

    @Test
    void aServerWhereNothingListensIsReportedDownWithoutAnyQuestion() {
        credentials.forgetToken(SERVER);
        credentials.pins.clear();
        credentials.log.clear();
        connections.unreachableNext(REFUSED);
        connect();
        assertEquals(List.of(REFUSED), console.failureDialogs);
        assertEquals("ERROR " + REFUSED, console.lastLine());
        assertTrue(console.questions.isEmpty(), "no token and no trust question for a down server");
        assertTrue(credentials.log.isEmpty(), "nor a master password");
        assertTrue(agent.created().isEmpty());
        assertTrue(threads.waiting().isEmpty());
        assertEquals("disconnected", console.state().label());
    }

    @Test
    void aConsoleJoinsTheSessionTheExplorerHasWithoutProbeOrToken() throws IOException {
        credentials.forgetToken(SERVER);
        credentials.log.clear();
        AgentConnections.Lease explorers = connections.acquire(
                new outpost.client.SessionSettings(SERVER.host(), SERVER.port(), true, "stored", null, false,
                        Duration.ofSeconds(5), credentials, null));
        explorers.connect();
        connect();
        assertEquals("connected", console.state().label());
        assertEquals(1, console.started);
        assertTrue(console.questions.isEmpty() && credentials.log.isEmpty() && connections.probes().isEmpty(),
                "one connection: nothing probed, asked or read");
        assertTrue(connection.connectedSession().isPresent());

        connection.toggle(); // Disconnect: this console lets go, the explorer keeps its session
        threads.settle();
        assertEquals(1, connections.users(SERVER.host(), SERVER.port()), "the explorer's lease is left");
        assertFalse(agent.last().closed());
        assertEquals(1, agent.created().size(), "the console used the explorer's session");
        assertEquals("disconnected", console.state().label());
    }

    @Test
    void anAgentThatStaysDownIsProbedWithBackoffWithoutLoggingIn() {
        connect();
        connections.unreachableNext(REFUSED, REFUSED);
        agent.last().drop("lost");
        threads.settle();
        threads.runDelayed();
        assertEquals("Reconnect attempt 1 failed: " + REFUSED + "\nReconnecting in 2 s ...", console.lastLine());
        threads.runDelayed();
        assertEquals("Reconnect attempt 2 failed: " + REFUSED + "\nReconnecting in 4 s ...", console.lastLine());
        assertEquals(1, agent.created().size(), "only probes while the agent is down");
        threads.runDelayed();
        assertEquals("connected", console.state().label());
    }

    @Test
    void aChangedCertificateIsReplacedOnlyAtTheUsersWordAndNeverOnAReconnect() {
        CertificateChangedException changed = new CertificateChangedException("lab.example", 5005, "SHA256:old", "SHA256:new",
                "The certificate of lab.example:5005 has CHANGED", null);
        agent.failNext(changed);
        connect();
        assertEquals("changed SHA256:new", console.questionAbout);
        console.answer(false);
        assertEquals("ERROR Not connected: the changed certificate of lab.example:5005 stays refused.", console.lastLine());

        agent.failNext(changed);
        connection.toggle();
        threads.settle();
        console.answer(true);
        threads.settle();
        assertTrue(console.said("Replacing the pinned certificate SHA256:old at your word."));
        assertEquals("SHA256:new", credentials.fingerprint("lab.example", 5005).orElseThrow());
        assertEquals("connected", console.state().label());

        console.questionAbout = null;
        agent.failNext(changed);
        agent.last().drop("lost");
        threads.settle();
        threads.runDelayed();
        assertEquals("ERROR Not reconnecting.", console.lastLine());
        assertNull(console.questionAbout, "no question the user did not ask for");
        assertTrue(threads.waiting().isEmpty());
    }

    @Test
    void closingTheConsoleDropsTheScheduledReconnectClosesTheSessionAndReportsNothingMore() {
        connect();
        agent.last().drop("lost");
        threads.settle();
        ManualThreads.ScheduledTask reconnect = threads.delayed().orElseThrow();
        int lines = console.transcript.size();
        connection.dispose();
        assertTrue(reconnect.cancelled());
        threads.settle();
        assertEquals(lines, console.transcript.size());

        RecordingConsole other = new RecordingConsole();
        ConsoleConnection closing = new ConsoleConnection(SERVER, new ConsoleConnection.Context(connections, () -> credentials,
                () -> preferences, threads, threads), other);
        credentials.pins.clear();
        closing.connect();
        threads.settle();
        closing.dispose();
        other.answer(true); // a late answer from a question closed with the console
        threads.settle();
        assertTrue(credentials.pins.isEmpty(), "nothing is pinned for a closed console");
        assertTrue(agent.last().closed());
    }

    private void connect() {
        connection.connect();
        threads.settle();
    }
}
