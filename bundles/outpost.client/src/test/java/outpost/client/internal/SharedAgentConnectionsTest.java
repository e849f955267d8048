package outpost.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import outpost.client.AgentConnections.Lease;
import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.OutputListener;
import outpost.client.Reachability;
import outpost.client.SessionListener;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.protocol.Hello;

/** The registry's sharing and counting, with sessions that connect when told. */
class SharedAgentConnectionsTest {

    private final List<FakeSession> created = new ArrayList<>();
    private final SharedAgentConnections connections = new SharedAgentConnections(settings -> {
        FakeSession session = new FakeSession(settings);
        created.add(session);
        return session;
    }, (host, port, tls, timeout) -> Reachability.unreachable("not probed here"));

    private static SessionSettings settings(String host, String token) {
        return SessionSettings.of(host, 5005, token, Path.of("known_agents"));
    }

    @Test
    void usersOfAConnectedAgentShareOneSessionClosedWithTheLastLease() throws IOException {
        Lease console = connections.acquire(settings("web-01.example", "secret"));
        console.session().connect();
        Lease explorer = connections.acquire(settings("WEB-01.example", "other"));
        Lease chart = connections.acquire(settings("web-01.example", "secret"));
        assertSame(console.session(), explorer.session(), "host names are compared without case");
        assertSame(console.session(), chart.session());
        assertEquals(1, created.size(), "one connection per agent");
        assertEquals(3, connections.users("web-01.example", 5005));

        console.close();
        console.close(); // idempotent: counts once
        explorer.close();
        assertEquals(SessionStatus.CONNECTED, chart.session().status(), "one user still holds it");
        chart.close();
        assertTrue(created.get(0).closed, "the last lease closes the session");
        assertEquals(0, connections.users("web-01.example", 5005));
    }

    @Test
    void aDisconnectedSessionIsNotHandedOutAgainButStaysWithItsHolders() throws IOException {
        Lease first = connections.acquire(settings("web-01.example", "made-up"));
        Lease second = connections.acquire(settings("web-01.example", "right"));
        assertNotSame(first.session(), second.session(), "a session nobody connected is no shared connection");
        second.session().connect();
        ((FakeSession) second.session()).drop();
        Lease third = connections.acquire(settings("web-01.example", "right"));
        assertNotSame(second.session(), third.session(), "a lost session is replaced for new users");
        assertFalse(((FakeSession) second.session()).closed, "its holder still has it until they let go");
        second.close();
        assertTrue(((FakeSession) second.session()).closed);
        assertEquals(1, connections.users("web-01.example", 5005), "the newer session keeps its count");
    }

    @Test
    void listenersHearEveryConnectOfASharedSession() throws IOException {
        List<String> heard = new ArrayList<>();
        connections.addListener((endpoint, session) -> heard.add(endpoint));
        Lease lease = connections.acquire(settings("Web-02.example", "secret"));
        assertTrue(heard.isEmpty());
        lease.session().connect();
        assertEquals(List.of("web-02.example:5005"), heard);
    }

    @Test
    void aConnectedSessionIsSharedWithoutATokenAndOnlyWhenConnected() throws IOException {
        assertTrue(connections.shareConnected("web-01.example", 5005).isEmpty(), "nothing to share yet");
        Lease console = connections.acquire(settings("web-01.example", "typed"));
        assertTrue(connections.shareConnected("web-01.example", 5005).isEmpty(), "not connected yet");
        console.session().connect();
        Lease explorer = connections.shareConnected("WEB-01.example", 5005).orElseThrow();
        assertSame(console.session(), explorer.session());
        console.close();
        assertFalse(created.get(0).closed, "the explorer still uses it");
        explorer.close();
        assertTrue(created.get(0).closed);
    }

    @Test
    void differentAgentsGetDifferentSessions() {
        Lease one = connections.acquire(settings("a.example", "t"));
        Lease two = connections.acquire(new SessionSettings("a.example", 6006, true, "t", Path.of("k"), false,
                Duration.ofSeconds(1)));
        assertNotSame(one.session(), two.session());
    }

    /** Connects at once; the test drops it. */
    private static final class FakeSession implements AgentSession {
        private final SessionSettings settings;
        private final List<SessionListener> listeners = new ArrayList<>();
        private SessionStatus status = SessionStatus.DISCONNECTED;
        boolean closed;

        FakeSession(SessionSettings settings) {
            this.settings = settings;
        }

        @Override
        public void connect() {
            set(SessionStatus.CONNECTED);
        }

        void drop() {
            set(SessionStatus.DISCONNECTED);
        }

        private void set(SessionStatus next) {
            status = next;
            listeners.forEach(listener -> listener.statusChanged(this, next, null));
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
        public CommandCall execute(String commandLine, Duration timeout, OutputListener listener) {
            throw new UnsupportedOperationException();
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
            if (status != SessionStatus.DISCONNECTED) {
                drop();
            }
        }
    }
}
