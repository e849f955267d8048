package outpost.explorer.ui.internal.broker;

import java.util.Map;
import java.util.Optional;

import outpost.broker.AgentState;
import outpost.metrics.MetricSample;

/**
 * The fleet the console's broker announces, for the Server Explorer: every agent's retained state
 * (online, or offline by its will) and the last metric sample of those that publish them. A DS
 * service ({@link ConsoleBroker}); thread-safe.
 */
public interface BrokerFleet {

    /** Whether a broker URL is set in the preferences. */
    boolean configured();

    /** One line on the link for the view: "" when no broker is set, else connected, connecting or why not. */
    String status();

    /** Every agent announced so far, by id; empty while the link is down or none is set. */
    Map<String, AgentState> agents();

    /** The agent's last published sample, if it publishes them. */
    Optional<MetricSample> sample(String agentId);

    /** Hears any change of the above, on the broker's threads: must return at once. */
    void addListener(Runnable changed);

    void removeListener(Runnable changed);
}
