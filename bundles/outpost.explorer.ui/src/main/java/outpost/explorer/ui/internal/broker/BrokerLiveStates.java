package outpost.explorer.ui.internal.broker;

import java.util.Optional;

import outpost.broker.AgentState;
import outpost.explorer.ui.internal.live.AgentAnswers;
import outpost.explorer.ui.internal.live.LiveState;
import outpost.explorer.ui.internal.live.LiveStatus;
import outpost.metrics.MetricSample;

/**
 * The live state of a broker's agent that the console holds no session to, from what the broker
 * relays: its retained state (online, or offline by its will) and, when it publishes them, its last
 * metric sample. No agent is asked anything for it.
 */
public final class BrokerLiveStates {

    private BrokerLiveStates() {
    }

    public static LiveState of(AgentState state, Optional<MetricSample> sample) {
        if (!state.online()) {
            return LiveState.failed(LiveStatus.OFFLINE, "offline at the broker (its last state, or its will, says so)");
        }
        return LiveState.announced(sample.map(AgentAnswers::figures).orElse(AgentAnswers.Figures.NONE));
    }
}
