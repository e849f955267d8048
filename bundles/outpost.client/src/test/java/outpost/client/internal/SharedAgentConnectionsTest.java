package outpost.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import outpost.client.AgentRoute;
import outpost.client.Reachability;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.client.internal.ScriptedAgents.ScriptedAgent;
import outpost.client.internal.ScriptedAgents.ScriptedConnection;

/** The registry's sharing and counting, with real sessions to a scripted in-memory agent. */
class SharedAgentConnectionsTest {

    private final ScriptedAgent agent = new ScriptedAgent();
    private final List<ScriptedConnection> connections = new ArrayList<>();
    private final SharedAgentConnections registry = new SharedAgentConnections(new TransportSessionFactory(agent),
            (host, port, tls, timeout) -> Reachability.unreachable("not probed here"));

    private static SessionSettings settings(String host, String token) {
        return settings(host, 5005, token);
    }

    private static SessionSettings settings(String host, int port, String token) {
        return new SessionSettings(host, port, false, token, Path.of("known_agents"), false, Duration.ofSeconds(2));
    }

    private void connect(Lease lease) throws IOException {
        lease.connect();
        connections.add(agent.connection);
    }

    @Test
    void usersOfAConnectedAgentShareOneSessionClosedWithTheLastLease() throws IOException {
        Lease console = registry.acquire(settings("web-01.example", "secret"));
        connect(console);
        Lease explorer = registry.acquire(settings("WEB-01.example", "other"));
        Lease chart = registry.acquire(settings("web-01.example", "secret"));
        assertSame(console.session(), explorer.session(), "host names are compared without case");
        assertSame(console.session(), chart.session());
        explorer.connect(); // connected already: nothing happens
        assertEquals(1, connections.size());
        assertSame(connections.get(0), agent.connection, "one connection per agent");
        assertEquals(3, registry.users("web-01.example", 5005));

        console.close();
        console.close(); // idempotent: counts once
        explorer.close();
        assertEquals(SessionStatus.CONNECTED, chart.session().status(), "one user still holds it");
        assertFalse(connections.get(0).closed);
        chart.close();
        assertTrue(connections.get(0).closed, "the last lease closes the connection");
        assertEquals(0, registry.users("web-01.example", 5005));
    }

    @Test
    void aLostSessionIsReplacedForNewUsersWhileItsHoldersKeepTheirCount() throws IOException {
        Lease first = registry.acquire(settings("web-01.example", "made-up"));
        Lease second = registry.acquire(settings("web-01.example", "right"));
        assertNotSame(first.session(), second.session(), "a session nobody connected is no shared connection");
        connect(second);
        agent.connection.die(new IOException("Connection reset"));
        assertEquals(SessionStatus.DISCONNECTED, second.session().status());
        Lease third = registry.acquire(settings("web-01.example", "right"));
        assertNotSame(second.session(), third.session(), "a lost session is replaced for new users");
        second.close();
        first.close();
        assertEquals(1, registry.users("web-01.example", 5005), "the newer session keeps its count");
    }

    @Test
    void aConnectedSessionIsSharedWithoutATokenAndOnlyWhenConnected() throws IOException {
        assertTrue(registry.shareConnected("web-01.example", 5005).isEmpty(), "nothing to share yet");
        Lease console = registry.acquire(settings("web-01.example", "typed"));
        assertTrue(registry.shareConnected("web-01.example", 5005).isEmpty(), "not connected yet");
        connect(console);
        Lease explorer = registry.shareConnected("WEB-01.example", 5005).orElseThrow();
        assertSame(console.session(), explorer.session());
        console.close();
        assertFalse(connections.get(0).closed, "the explorer still uses it");
        explorer.close();
        assertTrue(connections.get(0).closed);
    }

    @Test
    void listenersHearEveryConnectOfASharedSession() throws IOException {
        List<String> heard = new ArrayList<>();
        registry.addListener((endpoint, session) -> heard.add(endpoint));
        Lease lease = registry.acquire(settings("Web-02.example", "secret"));
        assertTrue(heard.isEmpty());
        connect(lease);
        assertEquals(List.of("web-02.example:5005"), heard);
    }

    @Test
    void differentAgentsGetDifferentSessions() {
        Lease one = registry.acquire(settings("a.example", "t"));
        Lease two = registry.acquire(settings("a.example", 6006, "t"));
        assertNotSame(one.session(), two.session());
    }

    @Test
    void anAddressARouterClaimsIsReachedThroughItsRouteForSessionsAndProbes() throws IOException {
        List<String> routed = new ArrayList<>();
        registry.addRouter((host, port) -> port == 0 ? Optional.of((AgentRoute) (settings, handler) -> {
            routed.add(settings.host() + ":" + settings.port());
            return agent.connect(settings, handler);
        }) : Optional.empty());
        Lease viaBroker = registry.acquire(settings("web-03", 0, "secret"));
        connect(viaBroker);
        assertEquals(SessionStatus.CONNECTED, viaBroker.session().status());
        assertEquals(List.of("web-03:0"), routed);
        assertTrue(registry.probe("web-03", 0, false, Duration.ofSeconds(2)).reachable(), "the probe takes the route too");
        assertEquals(List.of("web-03:0", "web-03:0"), routed);
        assertFalse(registry.probe("web-03.example", 5005, false, Duration.ofSeconds(2)).reachable(),
                "an address no router claims is dialled (here: the scripted prober)");
        assertEquals(2, routed.size());
    }

    @Test
    void portZeroIsNeverDialledWithoutARouterAndSaysWhy() {
        Lease lease = registry.acquire(settings("web-04", 0, "secret"));
        IOException refused = assertThrows(IOException.class, lease::connect);
        assertTrue(refused.getMessage().contains("no broker is configured"), refused.getMessage());
        assertNull(agent.lastSettings, "nothing was dialled");
        Reachability probed = registry.probe("web-04", 0, true, Duration.ofSeconds(1));
        assertFalse(probed.reachable());
        assertTrue(probed.reason().contains("no broker is configured"), probed.reason());
    }
}
