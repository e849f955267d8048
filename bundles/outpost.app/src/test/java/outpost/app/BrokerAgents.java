package outpost.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.agent.BrokerMode;
import outpost.broker.BrokerSettings;
import outpost.testing.MosquittoBroker;

/**
 * Real agents in broker mode in the test framework ({@link ExtraAgents}, {@link AgentSettings#withBroker}),
 * each with the account of a test broker named after its agent id, as the shipped ACL wants. The
 * accounts must be added to the broker before it starts. Close it to stop the agents.
 */
final class BrokerAgents implements AutoCloseable {

    private final MosquittoBroker broker;
    private final ExtraAgents agents = new ExtraAgents();
    private final Path data = Files.createTempDirectory("outpost-broker-agents");

    BrokerAgents(MosquittoBroker broker) throws IOException, InterruptedException {
        this.broker = broker;
    }

    /**
     * Starts agent {@code id} (also its account) on a loopback port of its own and in broker mode
     * through {@code url}: the broker's, or that of something in front of it (a relay a test cuts).
     *
     * @param keepAlive the link's MQTT keep-alive: the broker publishes the agent's will after 1.5 times it
     */
    Agent start(String id, String password, String url, Duration keepAlive) throws IOException {
        return start(id, password, url, keepAlive, Duration.ZERO, "");
    }

    /**
     * As {@link #start(String, String, String, Duration)}, the agent also publishing a metric sample
     * every {@code metricsPeriod} ({@link Duration#ZERO}: none) and announcing {@code group} ("": none).
     */
    Agent start(String id, String password, String url, Duration keepAlive, Duration metricsPeriod, String group)
            throws IOException {
        BrokerSettings link = BrokerSettings.of(url, id).withAccount(id, broker.passwordFile(id, password))
                .withCaFile(broker.caFile()).withKeepAlive(keepAlive);
        Agent agent = agents.create();
        agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Files.createDirectories(data(id))).withBroker(Optional.of(new BrokerMode(link, metricsPeriod, group))));
        return agent;
    }

    /** Agent {@code id}'s data folder: its token, its audit log. */
    Path data(String id) {
        return data.resolve(id);
    }

    @Override
    public void close() {
        agents.close();
    }
}
