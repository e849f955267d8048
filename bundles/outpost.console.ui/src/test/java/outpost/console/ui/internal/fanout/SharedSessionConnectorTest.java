package outpost.console.ui.internal.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import outpost.client.AgentConnections;
import outpost.client.SessionSettings;
import outpost.client.fanout.FanOut;
import outpost.client.fanout.FanOutOutcome;
import outpost.client.fanout.FanOutStatus;
import outpost.console.ui.AgentConnector;
import outpost.servers.Server;
import outpost.testing.client.FakeAgent;
import outpost.testing.client.FakeAgentConnections;

/** A group command reaches its servers through the console's shared sessions and stored tokens. */
class SharedSessionConnectorTest {

    private final FakeAgent agent = new FakeAgent();
    private final FakeAgentConnections connections = new FakeAgentConnections(agent);
    private final Server web = new Server("web", "web.example", 5005, "");
    private final Server db = new Server("db", "db.example", 5005, "");
    private final Server noToken = new Server("fresh", "fresh.example", 5005, "");
    private final Server gone = new Server("gone", "gone.invalid", 5005, "");

    /** Tokens are stored for every server but {@link #noToken}. */
    private final AgentConnector stored = new AgentConnector() {
        @Override
        public Optional<SessionSettings> settingsFor(Server server) {
            return server == noToken ? Optional.empty()
                    : Optional.of(SessionSettings.of(server.host(), server.port(), "t0ken", Path.of("known_agents")));
        }

        @Override
        public void rememberToken(Server server, String token) {
            throw new AssertionError("a group command never asks for a token");
        }

        @Override
        public void forgetToken(Server server) {
            throw new AssertionError("a group command never drops a token");
        }

        @Override
        public void trust(Server server, String fingerprint) {
            throw new AssertionError("a group command never trusts a new agent");
        }
    };
    private final SharedSessionConnector connector = new SharedSessionConnector(connections, stored, Duration.ofSeconds(1));

    @Test
    void eachServerEndsOnItsOwnAndEveryShareIsLetGo() throws Exception {
        agent.answer("uptime", "up 3 days\n");
        agent.admitWith(settings -> {
            if (settings.host().endsWith(".invalid")) {
                throw new IOException("Unknown host '" + settings.host() + "': the name does not resolve to an address.");
            }
        });
        List<FanOutOutcome<Server>> outcomes = FanOut.start(List.of(web, noToken, gone, db), connector, "uptime", null, 4,
                outcome -> {
                }).outcomes().get(10, TimeUnit.SECONDS);
        assertEquals(List.of(FanOutStatus.OK, FanOutStatus.UNREACHABLE, FanOutStatus.UNREACHABLE, FanOutStatus.OK),
                outcomes.stream().map(FanOutOutcome::status).toList());
        assertEquals("up 3 days", outcomes.get(0).firstLine());
        assertEquals("No token stored for fresh.example:5005: open its console to enter one.", outcomes.get(1).error());
        assertTrue(outcomes.get(2).error().startsWith("Unknown host 'gone.invalid'"), outcomes.get(2).error());
        assertEquals(0, connections.users("web.example", 5005), "the fan-out's share of each session is released");
        assertEquals(0, connections.users("db.example", 5005));
        assertFalse(agent.created().stream().anyMatch(session -> session.settings().trustNew()),
                "no new agent is trusted without its user's word");
    }

    @Test
    void aSessionAlreadyConnectedIsSharedNotOpenedAgain() throws Exception {
        agent.answer("name", "web-host\n");
        AgentConnections.Lease console = connections.acquire(stored.settingsFor(web).orElseThrow());
        console.connect();
        try (FanOut.Connection connection = connector.open(web)) {
            assertEquals(1, agent.created().size(), "the console's session is used");
            assertEquals(2, connections.users("web.example", 5005));
            assertEquals("web-host\n", connection.session().send("name").get(5, TimeUnit.SECONDS).stdout());
        }
        assertEquals(1, connections.users("web.example", 5005), "the console keeps its session");
        console.close();
    }

    @Test
    void aRefusedConnectIsUnreachableAndLeavesNoSessionBehind() {
        agent.failNext(new IOException("The agent refused the token."));
        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> connector.open(db));
        assertEquals("The agent refused the token.", refused.getMessage());
        assertEquals(0, connections.users("db.example", 5005));
    }
}
