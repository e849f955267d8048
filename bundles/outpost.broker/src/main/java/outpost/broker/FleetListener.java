package outpost.broker;

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
}
