package outpost.console.ui.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import outpost.client.AgentSession;
import outpost.client.CommandReply;
import outpost.client.SessionStatus;

/**
 * Asks a connected agent for {@code cpu} and {@code ram} every few seconds, in a system Job (off
 * the UI thread), and records the percentages in a {@link MetricHistory}. Stops by itself when
 * the session is no longer connected; {@link #stop()} ends it at once.
 */
final class MetricPoller extends Job {

    static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final long ANSWER_SECONDS = 10;

    private final AgentSession session;
    private final MetricHistory history;
    private final Runnable onSample;
    private volatile boolean stopped;

    MetricPoller(AgentSession session, MetricHistory history, Runnable onSample) {
        super("Polling CPU and RAM of " + session.settings().endpoint());
        this.session = session;
        this.history = history;
        this.onSample = onSample;
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
            CommandReply cpu = session.send("cpu").get(ANSWER_SECONDS, TimeUnit.SECONDS);
            CommandReply ram = session.send("ram").get(ANSWER_SECONDS, TimeUnit.SECONDS);
            history.add(new MetricHistory.Sample(System.currentTimeMillis(), MetricReadings.cpuPercent(cpu.stdout()),
                    MetricReadings.ramPercent(ram.stdout())));
            onSample.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.CANCEL_STATUS;
        } catch (Exception e) {
            // the connection went away or the agent was slow: the next round tries again, if still connected
        }
        if (!stopped && session.status() == SessionStatus.CONNECTED) {
            schedule(INTERVAL.toMillis());
        }
        return Status.OK_STATUS;
    }
}
