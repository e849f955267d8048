package outpost.agent;

import java.time.Duration;
import java.util.Objects;

import outpost.broker.AgentState;
import outpost.broker.BrokerSettings;

/**
 * Broker mode (docs/BROKER.md): the agent connects out to an MQTT broker, announces itself there,
 * and serves the sessions consoles open through it exactly as those of its listener.
 *
 * @param link          the broker, the agent's account and its trust; the client id is the agent's id
 * @param metricsPeriod how often a metric sample is published on the agent's metrics topic; zero for never
 * @param group         the group the agent announces in its state (key broker.group), trimmed; empty for none
 */
public record BrokerMode(BrokerSettings link, Duration metricsPeriod, String group) {

    public BrokerMode {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(metricsPeriod, "metricsPeriod");
        if (metricsPeriod.isNegative()) {
            throw new IllegalArgumentException("metrics period must not be negative: " + metricsPeriod);
        }
        group = AgentState.requireGroup(group);
    }

    /** Broker mode announcing no group. */
    public BrokerMode(BrokerSettings link, Duration metricsPeriod) {
        this(link, metricsPeriod, "");
    }

    public BrokerMode withGroup(String announced) {
        return new BrokerMode(link, metricsPeriod, announced);
    }
}
