package outpost.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.broker.internal.StateJson;
import outpost.testing.LoopbackProxy;
import outpost.testing.Conditions;
import outpost.testing.MosquittoBroker;

/** The agent's link against a real Mosquitto with the shipped ACL. */
class AgentLinkTest {

    private static final String FINGERPRINT = "SHA256:01:02";
    private MosquittoBroker broker;
    private final EchoSessions echo = new EchoSessions();

    @BeforeEach
    void startBroker() throws Exception {
        broker = new MosquittoBroker(MosquittoBroker.shippedAcl())
                .addAccount("agent-a", "secret-a")
                .addAccount("agent-b", "secret-b")
                .addAccount("console-1", "secret-c")
                .start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.close();
    }

    private BrokerSettings account(String url, String user, String password) throws Exception {
        return BrokerSettings.of(url, user).withAccount(user, broker.passwordFile(user, password))
                .withCaFile(broker.caFile()).withKeepAlive(Duration.ofSeconds(5));
    }

    private static AgentState birth(String id) {
        return new AgentState(id, true, "host-" + id, "Linux 6.1", "1.2.3", FINGERPRINT, Instant.now());
    }

    private AgentLink agent(String url, String id, String password) throws Exception {
        return AgentLink.start(account(url, id, password), birth(id), echo, Optional.empty());
    }

    private static Optional<AgentState> lastState(RawMqtt console, String agentId) {
        List<RawMqtt.Received> states = console.on(Topics.state(agentId));
        return states.isEmpty() ? Optional.empty()
                : StateJson.decode(agentId, states.get(states.size() - 1).payload());
    }

    @Test
    void announcesARetainedStateAndTheWillMarksItOfflineWhenTheLinkDrops() throws Exception {
        try (LoopbackProxy network = new LoopbackProxy(broker.port()); AgentLink link = agent("ssl://127.0.0.1:" + network.port(), "agent-a", "secret-a")) {
            Conditions.waitUntil("the agent connected", link::isConnected);
            try (RawMqtt console = new RawMqtt(broker, "console-1", "secret-c")) {
                console.subscribe(Topics.ROOT + "+/state");
                Conditions.waitUntil("the retained state", () -> lastState(console, "agent-a").isPresent());
                AgentState state = lastState(console, "agent-a").orElseThrow();
                assertTrue(console.on(Topics.state("agent-a")).get(0).retained());
                assertTrue(state.online());
                assertEquals("host-agent-a", state.host());
                assertEquals("Linux 6.1", state.os());
                assertEquals("1.2.3", state.version());
                assertEquals(FINGERPRINT, state.fingerprint());

                network.cut(); // no DISCONNECT reaches the broker
                Conditions.waitUntil("the will: offline", () -> lastState(console, "agent-a").filter(s -> !s.online()).isPresent());
                assertEquals(FINGERPRINT, lastState(console, "agent-a").orElseThrow().fingerprint());
                // and the link comes back by itself, online again
                Conditions.waitUntil("online again", () -> lastState(console, "agent-a").filter(AgentState::online).isPresent()
                        && console.on(Topics.state("agent-a")).size() >= 3);
            }
        }
    }

    @Test
    void anOrderlyCloseLeavesTheStateOffline() throws Exception {
        AgentLink link = agent(broker.url(), "agent-a", "secret-a");
        Conditions.waitUntil("the agent connected", link::isConnected);
        link.close();
        try (RawMqtt console = new RawMqtt(broker, "console-1", "secret-c")) {
            console.subscribe(Topics.state("agent-a"));
            Conditions.waitUntil("the retained state", () -> lastState(console, "agent-a").isPresent());
            assertFalse(lastState(console, "agent-a").orElseThrow().online());
        }
    }

    @Test
    void sessionBytesCrossTheBrokerBothWaysNamingTheConsoleAndAnEmptyMessageCloses() throws Exception {
        try (AgentLink link = agent(broker.url(), "agent-a", "secret-a"); RawMqtt console = new RawMqtt(broker, "console-1", "secret-c")) {
            Conditions.waitUntil("the agent connected", link::isConnected);
            console.subscribe(Topics.ROOT + "agent-a/out/console-1/#");
            String in = Topics.in("agent-a", "console-1", "s1");
            String out = Topics.out("agent-a", "console-1", "s1");
            for (String text : List.of("one", "two", "three")) {
                assertEquals(0, console.publish(in, text.getBytes(StandardCharsets.UTF_8), false));
            }
            Conditions.waitUntil("three echoes", () -> console.on(out).size() == 3);
            assertEquals(List.of("one", "two", "three"), EchoSessions.texts(console.on(out)));
            assertEquals(List.of("broker client console-1"), echo.peers);

            console.publish(in, new byte[0], false); // the console closes the session
            Conditions.waitUntil("the tunnel closed", () -> echo.closedByPeer.size() == 1);
            Conditions.waitUntil("the session forgotten", () -> link.sessions() == 0);

            String in2 = Topics.in("agent-a", "console-1", "s2");
            console.publish(in2, "bye".getBytes(StandardCharsets.UTF_8), false); // the agent's side closes
            Conditions.waitUntil("the empty message", () -> console.on(Topics.out("agent-a", "console-1", "s2")).size() == 1);
            assertEquals(0, console.on(Topics.out("agent-a", "console-1", "s2")).get(0).payload().length);
        }
    }

    @Test
    void closingTheLinkEndsEachOpenSessionTellingItsConsole() throws Exception {
        try (RawMqtt console = new RawMqtt(broker, "console-1", "secret-c")) {
            console.subscribe(Topics.ROOT + "agent-a/out/console-1/#");
            AgentLink link = agent(broker.url(), "agent-a", "secret-a");
            Conditions.waitUntil("the agent connected", link::isConnected);
            String out = Topics.out("agent-a", "console-1", "s1");
            console.publish(Topics.in("agent-a", "console-1", "s1"), "hello".getBytes(StandardCharsets.UTF_8), false);
            Conditions.waitUntil("the echo", () -> console.on(out).size() == 1);
            link.close();
            Conditions.waitUntil("the session's end", () -> console.on(out).size() == 2);
            assertEquals(0, console.on(out).get(1).payload().length);
            assertEquals(List.of("broker client console-1"), echo.closedByPeer, "the agent's side of the tunnel closed");
        }
    }

    @Test
    void anAgentsAccountCannotWriteAnotherAgentsStateNorOpenSessionsAsAConsole() throws Exception {
        try (AgentLink link = agent(broker.url(), "agent-a", "secret-a"); RawMqtt console = new RawMqtt(broker, "console-1", "secret-c")) {
            Conditions.waitUntil("the agent connected", link::isConnected);
            console.subscribe(Topics.ROOT + "+/state");
            Conditions.waitUntil("agent-a's state", () -> lastState(console, "agent-a").isPresent());
            try (RawMqtt impostor = new RawMqtt(broker, "agent-b", "secret-b")) {
                AgentState forged = new AgentState("agent-a", false, "evil", "x", "0", "SHA256:FF", Instant.now());
                assertNotEquals(0, impostor.publish(Topics.state("agent-a"), StateJson.encode(forged), true));
                // a write it may do, after the refused one: once it arrived, the refused one would have too
                assertEquals(0, impostor.publish(Topics.state("agent-b"), StateJson.encode(birth("agent-b")), true));
                Conditions.waitUntil("agent-b's own state", () -> lastState(console, "agent-b").isPresent());
            }
            assertEquals(1, console.on(Topics.state("agent-a")).size());
            assertEquals("host-agent-a", lastState(console, "agent-a").orElseThrow().host());
        }
    }

    @Test
    void reconnectsWithBackoffWhileTheBrokerIsDownWithoutGainingThreads() throws Exception {
        try (AgentLink link = agent(broker.url(), "agent-a", "secret-a")) {
            Conditions.waitUntil("the agent connected", link::isConnected);
            broker.stop();
            Conditions.waitUntil("the link lost", () -> !link.isConnected());
            int threadsWhileDown = Thread.activeCount();
            // attempts at about 1, 2 and 4 s after the loss: none of them may leave a thread behind
            Thread.sleep(8000);
            assertTrue(Thread.activeCount() <= threadsWhileDown + 1, "threads " + threadsWhileDown + " -> " + Thread.activeCount());
            broker.start();
            try (RawMqtt console = new RawMqtt(broker, "console-1", "secret-c")) {
                console.subscribe(Topics.state("agent-a"));
                Conditions.waitUntil("online again on the restarted broker",
                        () -> lastState(console, "agent-a").filter(AgentState::online).isPresent(), Duration.ofSeconds(90));
            }
            assertTrue(link.isConnected());
        }
    }

    @Test
    void publishesMetricSamplesWhenAsked() throws Exception {
        try (RawMqtt console = new RawMqtt(broker, "console-1", "secret-c")) {
            console.subscribe(Topics.metrics("agent-a"));
            try (AgentLink link = AgentLink.start(account(broker.url(), "agent-a", "secret-a"), birth("agent-a"), echo,
                    Optional.of(new AgentLink.MetricsPublishing(Duration.ofMillis(200), () -> "{\"cpu\":1}")))) {
                Conditions.waitUntil("two samples", () -> console.on(Topics.metrics("agent-a")).size() >= 2);
                assertEquals("{\"cpu\":1}", console.on(Topics.metrics("agent-a")).get(0).text());
            }
        }
    }
}
