package outpost.cli.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import outpost.broker.AgentState;
import outpost.broker.BrokerClient;
import outpost.broker.FleetListener;

/**
 * The broker's fleet directory as outpost-cli sees it right after connecting. The retained states
 * arrive just after the subscription, but MQTT marks no end of them: the directory counts as
 * complete once every agent asked for is in it, or once no state arrived for {@link #QUIET}.
 */
final class FleetDirectory {

    static final Duration QUIET = Duration.ofMillis(500);
    /** A broker that streams states without a pause still gets an answer. */
    static final Duration AT_MOST = Duration.ofSeconds(5);

    private FleetDirectory() {
    }

    static Map<String, AgentState> await(BrokerClient client, Collection<String> wanted)
            throws InterruptedException {
        AtomicLong lastState = new AtomicLong(System.nanoTime());
        FleetListener listener = state -> lastState.set(System.nanoTime());
        client.addFleetListener(listener);
        try {
            long deadline = System.nanoTime() + AT_MOST.toNanos();
            while (System.nanoTime() < deadline) {
                if (!wanted.isEmpty() && client.agents().keySet().containsAll(wanted)) {
                    break;
                }
                if (System.nanoTime() - lastState.get() >= QUIET.toNanos()) {
                    break;
                }
                Thread.sleep(20);
            }
        } finally {
            client.removeFleetListener(listener);
        }
        return client.agents();
    }
}
