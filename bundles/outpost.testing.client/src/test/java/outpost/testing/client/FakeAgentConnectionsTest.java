package outpost.testing.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import outpost.client.AgentConnections;
import outpost.client.Reachability;
import outpost.client.SessionSettings;

class FakeAgentConnectionsTest {

    private static final SessionSettings LAB = SessionSettings.of("lab.example", 5005, "token", Path.of("known_agents"));

    private final FakeAgent agent = new FakeAgent();
    private final FakeAgentConnections connections = new FakeAgentConnections(agent);

    @Test
    void probesFindTheAgentExceptUnderInvalidOrAsScriptedAndAreWrittenDown() {
        connections.unreachableNext("Connection refused", "Timed out");
        assertEquals(Reachability.unreachable("Connection refused"), probe("lab.example"));
        assertEquals(Reachability.unreachable("Timed out"), probe("lab.example"));
        assertEquals(Reachability.reachable(FakeAgent.FINGERPRINT), probe("lab.example"));
        assertEquals(Reachability.unreachable("Unknown host 'gone.invalid': the name does not resolve to an address."),
                probe("gone.invalid"));
        assertEquals(List.of("lab.example:5005", "lab.example:5005", "lab.example:5005", "gone.invalid:5005"),
                connections.probes());
        assertTrue(agent.created().isEmpty(), "a probe makes no session");
    }

    @Test
    void leasesShareOneSessionPerAddressWhichTheLastOneCloses() throws IOException {
        AgentConnections.Lease first = connections.acquire(LAB);
        first.connect();
        AgentConnections.Lease second = connections.acquire(LAB.withTrustNew(false));
        Optional<AgentConnections.Lease> third = connections.shareConnected("LAB.example", 5005);

        assertSame(first.session(), second.session());
        assertSame(first.session(), third.orElseThrow().session());
        assertEquals(1, agent.created().size());
        assertEquals(3, connections.users("lab.example", 5005));
        first.close();
        first.close();
        second.close();
        assertFalse(agent.last().closed());
        third.get().close();
        assertTrue(agent.last().closed());
        assertEquals(0, connections.users("lab.example", 5005));
        assertEquals(List.of(), agent.last().listeners(), "the registry stops listening to a session it let go of");
    }

    @Test
    void onlyAConnectedSessionIsSharedAndADroppedOneIsReplaced() throws IOException {
        AgentConnections.Lease lease = connections.acquire(LAB);
        assertEquals(Optional.empty(), connections.shareConnected("lab.example", 5005), "not connected yet");
        lease.connect();
        agent.last().drop("lost");
        assertEquals(Optional.empty(), connections.shareConnected("lab.example", 5005));

        AgentConnections.Lease next = connections.acquire(LAB);

        assertNotSame(lease.session(), next.session());
        assertEquals(2, agent.created().size());
        lease.close();
        assertTrue(agent.created().get(0).closed());
        assertFalse(agent.created().get(1).closed());
    }

    @Test
    void listenersHearWhenASharedSessionConnects() throws IOException {
        List<String> heard = new CopyOnWriteArrayList<>();
        AgentConnections.Listener listener = (endpoint, session) -> heard.add(endpoint);
        connections.addListener(listener);
        AgentConnections.Lease lease = connections.acquire(SessionSettings.of("Lab.Example", 5005, "t", Path.of("k")));
        lease.connect();
        connections.removeListener(listener);
        agent.last().drop("lost");
        connections.acquire(LAB).connect();
        assertEquals(List.of("lab.example:5005"), heard);
    }

    private Reachability probe(String host) {
        return connections.probe(host, 5005, true, Duration.ofSeconds(1));
    }
}
