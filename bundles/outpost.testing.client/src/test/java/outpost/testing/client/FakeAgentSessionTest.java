package outpost.testing.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import outpost.client.AgentSession;
import outpost.client.CommandReply;
import outpost.client.SessionListener;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.protocol.ResultStatus;

class FakeAgentSessionTest {

    private final FakeAgent agent = new FakeAgent();
    private final Heard heard = new Heard();

    @Test
    void connectsTellingEachStatusAndThenShowsWhatTheAgentAnnounced() throws IOException {
        FakeAgentSession session = session("lab.invalid");
        assertEquals(Optional.empty(), session.hello());
        assertEquals(List.of(), session.roles());
        assertEquals(Optional.empty(), session.fingerprint());

        session.connect();

        assertEquals(List.of("connecting null", "connected null"), heard.statuses);
        assertEquals(SessionStatus.CONNECTED, session.status());
        assertEquals(Optional.of(FakeAgent.HELLO), session.hello());
        assertEquals(List.of("read", "execute", "admin"), session.roles());
        assertEquals(Optional.of(FakeAgent.FINGERPRINT), session.fingerprint());
        assertEquals(1, agent.attempts("lab.invalid"));
        assertSame(session, agent.last());
    }

    @Test
    void scriptedFailuresComeFirstInOrderAndLeaveTheSessionDisconnectedWithTheReason() throws IOException {
        IOException refused = new IOException("Connection refused");
        agent.failNext(refused, new IOException("The agent refused the token."));
        FakeAgentSession first = session("lab.invalid");

        assertSame(refused, assertThrows(IOException.class, first::connect));
        assertEquals(List.of("connecting null", "disconnected Connection refused"), heard.statuses);
        assertEquals(SessionStatus.DISCONNECTED, first.status());
        assertThrows(IOException.class, first::connect, "the second failure");
        first.connect();

        assertEquals(SessionStatus.CONNECTED, first.status());
        assertEquals(3, agent.attempts("lab.invalid"));
    }

    @Test
    void theGateDecidesOnceTheScriptedFailuresAreUsedUp() throws IOException {
        agent.admitWith(settings -> {
            if (!settings.host().startsWith("up")) {
                throw new IOException("Connection refused by " + settings.host());
            }
        });
        assertEquals("Connection refused by down.invalid",
                assertThrows(IOException.class, session("down.invalid")::connect).getMessage());
        session("up.invalid").connect();
        assertEquals(1, agent.attempts("down.invalid"));
        assertEquals(1, agent.attempts("up.invalid"));
        assertEquals(0, agent.attempts("elsewhere.invalid"));
    }

    @Test
    void aSessionConnectsOnlyFromDisconnectedAndNeverOnceClosed() throws IOException {
        FakeAgentSession session = session("lab.invalid");
        session.connect();
        assertThrows(IllegalStateException.class, session::connect);
        session.drop("lost");
        session.connect(); // a dropped session may connect again
        session.close();
        assertThrows(IllegalStateException.class, session::connect);
        assertEquals(2, agent.attempts("lab.invalid"), "refused connects never reach the agent");
    }

    @Test
    void rolesAreThoseGrantedWhenTheSessionConnected() throws IOException {
        FakeAgentSession before = session("lab.invalid");
        before.connect();
        agent.grant("read");
        FakeAgentSession after = session("lab.invalid");
        after.connect();
        assertEquals(List.of("read", "execute", "admin"), before.roles());
        assertEquals(List.of("read"), after.roles());
    }

    @Test
    void dropTellsTheReasonAndNoticesReachTheListeners() throws IOException {
        FakeAgentSession session = session("lab.invalid");
        session.connect();
        Notice stopping = new Notice(NoticeKind.STOPPING, "The agent is stopping.");
        session.notice(stopping);
        session.drop("The agent stopped");
        assertEquals(List.of(stopping), heard.notices);
        assertEquals("disconnected The agent stopped", heard.statuses.get(heard.statuses.size() - 1));
        assertEquals(SessionStatus.DISCONNECTED, session.status());
        assertFalse(session.closed(), "a dropped session is still to be closed by its user");
    }

    @Test
    void closeTellsDisconnectedWithoutAReasonOnceAndIsIdempotent() throws IOException {
        FakeAgentSession session = session("lab.invalid");
        session.connect();
        session.close();
        session.close();
        assertTrue(session.closed());
        assertEquals(List.of("connecting null", "connected null", "disconnected null"), heard.statuses);
        FakeAgentSession never = session("lab.invalid");
        never.close();
        assertTrue(never.closed());
        assertEquals(3, heard.statuses.size(), "closing a disconnected session changes no status");
    }

    @Test
    void commandsGetTheAgentsAnswerOrUnknownCommandAndAreCounted() throws Exception {
        agent.answer("cpu", "CPU: 12.5 % used");
        FakeAgentSession session = session("lab.invalid");
        assertThrows(IllegalStateException.class, () -> session.send("cpu"), "not connected");
        session.connect();

        CommandReply cpu = session.send("cpu").get();
        CommandReply other = session.send("frobnicate").get();

        assertEquals("CPU: 12.5 % used", cpu.stdout());
        assertEquals(ResultStatus.OK, cpu.result().status());
        assertEquals(ResultStatus.UNKNOWN_COMMAND, other.result().status());
        assertEquals("", other.stdout());
        assertEquals(2, session.requests());
        assertEquals(2, other.result().id());
    }

    @Test
    void removedListenersHearNothingMore() throws IOException {
        FakeAgentSession session = session("lab.invalid");
        session.removeListener(heard);
        assertEquals(List.of(), session.listeners());
        session.connect();
        assertEquals(List.of(), heard.statuses);
    }

    @Test
    void aSessionKeepsTheRouteItWasCreatedWithAndConnectsWithoutTakingIt() throws IOException {
        outpost.client.AgentRoute route = (settings, handler) -> {
            throw new AssertionError("a fake session opens no connection");
        };
        FakeAgentSession routed = agent.create(SessionSettings.of("agent-7", 0, "token", Path.of("known_agents")), route);
        assertSame(route, routed.route().orElseThrow());
        routed.connect();
        assertEquals(SessionStatus.CONNECTED, routed.status());
        assertEquals(Optional.empty(), session("lab.invalid").route(), "direct");
        assertSame(routed, agent.created().get(0), "kept among the sessions made");
    }

    private FakeAgentSession session(String host) {
        FakeAgentSession session = agent.create(SessionSettings.of(host, 5005, "token", Path.of("known_agents")));
        session.addListener(heard);
        return session;
    }

    /** Writes down what a session tells: "status reason" and the notices. */
    private static final class Heard implements SessionListener {
        final List<String> statuses = new ArrayList<>();
        final List<Notice> notices = new ArrayList<>();

        @Override
        public void statusChanged(AgentSession session, SessionStatus status, String reason) {
            statuses.add(status.label() + " " + reason);
        }

        @Override
        public void noticeReceived(AgentSession session, Notice notice) {
            notices.add(notice);
        }
    }
}
