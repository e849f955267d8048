package outpost.broker;

import outpost.metrics.MetricSample;

/**
 * Told of every change in a {@link BrokerClient}'s fleet directory, on the client's MQTT thread:
 * return quickly, and hand UI work to the UI thread.
 */
public interface FleetListener {

    /** An agent announced itself, changed, or went offline (its will). */
    void changed(AgentState state);

    /** The agent's retained state was cleared from the broker: it left the fleet. */
    default void removed(String agentId) {
    }

    /** A metric sample the agent published (only agents configured to publish them do). */
    default void sampled(String agentId, MetricSample sample) {
    }
}
