package outpost.agent;

import java.time.Duration;
import java.util.Objects;

import outpost.broker.BrokerSettings;

/**
 * Broker mode (docs/BROKER.md): the agent connects out to an MQTT broker, announces itself there,
 * and serves the sessions consoles open through it exactly as those of its listener.
 *
 * @param link          the broker, the agent's account and its trust; the client id is the agent's id
 * @param metricsPeriod how often a metric sample is published on the agent's metrics topic; zero for never
 */
public record BrokerMode(BrokerSettings link, Duration metricsPeriod) {

    public BrokerMode {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(metricsPeriod, "metricsPeriod");
        if (metricsPeriod.isNegative()) {
            throw new IllegalArgumentException("metrics period must not be negative: " + metricsPeriod);
        }
    }
}
