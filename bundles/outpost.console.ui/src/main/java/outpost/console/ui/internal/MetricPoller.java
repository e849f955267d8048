package outpost.console.ui.internal;

import java.time.Duration;

import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;

/**
 * Holds one {@code watch 3 cpu,ram} subscription on a connected agent (one request for as long as
 * the console is connected, audited once, instead of two requests every 3 seconds) and records each
 * sample's percentages in a {@link MetricHistory}, on the connection's thread (never the UI
 * thread). The stream ends with the connection; {@link #stop()} cancels it at once.
 */
final class MetricPoller {

    static final Duration INTERVAL = Duration.ofSeconds(3);

    private final AgentSession session;
    private final MetricHistory history;
    private final Runnable onSample;
    private final StringBuilder partialLine = new StringBuilder(); // only the connection's thread touches it
    private volatile CommandCall call;
    private volatile boolean stopped;

    MetricPoller(AgentSession session, MetricHistory history, Runnable onSample) {
        this.session = session;
        this.history = history;
        this.onSample = onSample;
    }

    /** Subscribes; does nothing when the session is no longer connected (the next connect starts a new poller). */
    void start() {
        try {
            call = session.execute("watch " + INTERVAL.toSeconds() + " cpu,ram", null, this::received);
        } catch (IllegalStateException notConnected) {
            return;
        }
        if (stopped) {
            call.cancel();
        }
    }

    void stop() {
        stopped = true;
        CommandCall running = call;
        if (running != null) {
            running.cancel();
        }
    }

    /** Chunks are not lines (docs/PROTOCOL.md): a sample is recorded once its line is whole. */
    private void received(Output chunk) {
        if (stopped || chunk.kind() != OutputKind.STDOUT) {
            return;
        }
        partialLine.append(chunk.text());
        int end;
        while ((end = partialLine.indexOf("\n")) >= 0) {
            String line = partialLine.substring(0, end);
            partialLine.delete(0, end + 1);
            try {
                history.add(MetricReadings.sample(line, System.currentTimeMillis()));
                onSample.run();
            } catch (IllegalArgumentException notASample) {
                // not the documented form (an agent of another version): no point for this line
            }
        }
    }
}
