package outpost.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.metrics.MetricSample;
import outpost.testing.LoopbackProxy;
import outpost.testing.Conditions;
import outpost.testing.MosquittoBroker;
import outpost.protocol.Message;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Limits;
import outpost.transport.MessageHandler;
import outpost.transport.internal.NettyTransport;

/** A console's directory of the fleet, from the retained states and wills of a real Mosquitto. */
class BrokerClientTest {

    private MosquittoBroker broker;
    private final NettyTransport transport = new NettyTransport();
    private final List<AgentState> changes = new CopyOnWriteArrayList<>();
    private final List<String> removed = new CopyOnWriteArrayList<>();
    private final List<MetricSample> samples = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        broker = new MosquittoBroker(MosquittoBroker.shippedAcl())
                .addAccount("agent-a", "secret-a")
                .addAccount("console-1", "secret-c")
                .start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        transport.deactivate();
        broker.close();
    }

    private BrokerSettings account(String url, String user, String password) throws IOException {
        return BrokerSettings.of(url, user).withAccount(user, broker.passwordFile(user, password))
                .withCaFile(broker.caFile()).withKeepAlive(Duration.ofSeconds(5));
    }

    private BrokerClient console() throws IOException {
        BrokerClient client = BrokerClient.connect(transport, account(broker.url(), "console-1", "secret-c"),
                Duration.ofSeconds(20));
        client.addFleetListener(new FleetListener() {
            @Override
            public void changed(AgentState state) {
                changes.add(state);
            }

            @Override
            public void removed(String agentId) {
                removed.add(agentId);
            }

            @Override
            public void sampled(String agentId, MetricSample sample) {
                samples.add(sample);
            }
        });
        return client;
    }

    private AgentLink agent(String url, Optional<AgentLink.MetricsPublishing> metrics) throws IOException {
        AgentState birth = new AgentState("agent-a", true, "web-1", "Linux 6.1", "1.2.3", "SHA256:01", Instant.now());
        return AgentLink.start(account(url, "agent-a", "secret-a"), birth, new EchoSessions(), metrics);
    }

    @Test
    void theDirectoryFollowsTheAnnouncementTheWillAndTheClearedState() throws Exception {
        try (BrokerClient console = console(); LoopbackProxy network = new LoopbackProxy(broker.port());
                AgentLink link = agent("ssl://127.0.0.1:" + network.port(), Optional.empty())) {
            Conditions.waitUntil("agent-a online in the directory",
                    () -> console.agent("agent-a").filter(AgentState::online).isPresent());
            assertEquals("web-1", console.agents().get("agent-a").host());
            assertTrue(changes.stream().anyMatch(AgentState::online));

            network.close(); // the agent's network is gone, and stays gone
            Conditions.waitUntil("the will in the directory", () -> console.agent("agent-a").filter(s -> !s.online()).isPresent());
            assertFalse(changes.get(changes.size() - 1).online(), "listeners were told");
            IOException offline = assertThrows(IOException.class, () -> console.open("agent-a",
                    new ConnectSettings("agent-a", 0, Duration.ofSeconds(5), Optional.empty(), Limits.DEFAULT),
                    new MessageHandler() {
                        @Override
                        public void received(Connection connection, Message message) {
                        }

                        @Override
                        public void closed(Connection connection, Throwable cause) {
                        }
                    }));
            assertTrue(offline.getMessage().contains("agent agent-a is offline"), offline.getMessage());

            try (RawMqtt admin = new RawMqtt(broker, "agent-a", "secret-a")) {
                admin.publish(Topics.state("agent-a"), new byte[0], true); // an operator clears the retained state
            }
            Conditions.waitUntil("removed", () -> removed.contains("agent-a"));
            assertTrue(console.agents().isEmpty());
        }
    }

    @Test
    void metricSamplesReachTheListeners() throws Exception {
        String json = "{\"time\":1765000000000}";
        try (BrokerClient console = console();
                AgentLink link = agent(broker.url(), Optional.of(new AgentLink.MetricsPublishing(Duration.ofMillis(200), () -> json)))) {
            Conditions.waitUntil("a sample", () -> !samples.isEmpty());
            assertEquals(1765000000000L, samples.get(0).time());
        }
    }

    @Test
    void aBrokerThatCannotBeReachedIsReportedWithTheReason() throws Exception {
        broker.stop();
        IOException down = assertThrows(IOException.class, () -> BrokerClient.connect(transport,
                account(broker.url(), "console-1", "secret-c"), Duration.ofSeconds(2)));
        assertTrue(down.getMessage().startsWith("cannot connect to the broker " + broker.url()), down.getMessage());
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() throws Exception {
        IOException refused = assertThrows(IOException.class, () -> BrokerClient.connect(transport,
                account(broker.url(), "console-1", "wrong"), Duration.ofSeconds(3)));
        String message = refused.getMessage().toLowerCase(java.util.Locale.ROOT);
        assertTrue(message.contains("not authori") || message.contains("password"),
                refused.getMessage());
    }
}
