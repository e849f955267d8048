package outpost.console.ui.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import outpost.client.AgentSession;
import outpost.client.CommandReply;
import outpost.client.SessionStatus;

/**
 * Asks a connected agent for {@code sysinfo} every few seconds, in a system Job (off the UI
 * thread), and hands the readings on; a round without an answer is reported as missed (a gap in
 * the charts). Stops by itself when the session is no longer connected; {@link #stop()} ends it at
 * once.
 */
final class MetricPoller extends Job {

    static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final long ANSWER_SECONDS = 10;

    private final AgentSession session;
    private final Consumer<MetricSample> onSample;
    private final LongConsumer onMissed;
    private volatile boolean stopped;

    MetricPoller(AgentSession session, Consumer<MetricSample> onSample, LongConsumer onMissed) {
        super("Polling the metrics of " + session.settings().endpoint());
        this.session = session;
        this.onSample = onSample;
        this.onMissed = onMissed;
        setSystem(true);
    }

    void start() {
        schedule();
    }

    void stop() {
        stopped = true;
        cancel();
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        if (stopped || monitor.isCanceled() || session.status() != SessionStatus.CONNECTED) {
            return Status.CANCEL_STATUS;
        }
        try {
            CommandReply reply = session.send("sysinfo").get(ANSWER_SECONDS, TimeUnit.SECONDS);
            if (!stopped) {
                onSample.accept(SysinfoReadings.parse(reply.stdout(), System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.CANCEL_STATUS;
        } catch (Exception e) {
            // the connection went away, the agent was slow or answered otherwise: nothing is known
            // for this round, and the next one tries again if still connected
            onMissed.accept(System.currentTimeMillis());
        }
        if (!stopped && session.status() == SessionStatus.CONNECTED) {
            schedule(INTERVAL.toMillis());
        }
        return Status.OK_STATUS;
    }
}
