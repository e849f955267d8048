package outpost.agent.internal.dispatch;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

import outpost.agent.CommandContext;
import outpost.agent.ShellPolicy;
import outpost.protocol.ResultStatus;

/**
 * A request between its admission and its one ending, whichever port it came by: the command's
 * view of it (arguments, cancellation, timeout) and the agent's handle to stop it. A port's
 * subclass writes the output and the ending in its own words; this class makes sure there is
 * exactly one ending, and that a stop (cancel, timeout) decides what it says.
 */
public abstract class DispatchedRequest implements CommandContext {

    private final Duration timeout;
    private final ShellPolicy shellPolicy;
    private volatile String arguments = "";
    private volatile ResultStatus stoppedAs;
    private volatile Future<?> work;
    private volatile ScheduledFuture<?> deadline;
    private boolean started; // guarded by this
    private boolean finished; // guarded by this
    private volatile Runnable afterFinish = () -> { };
    private Runnable endStream; // guarded by this

    protected DispatchedRequest(Duration timeout, ShellPolicy shellPolicy) {
        this.timeout = timeout;
        this.shellPolicy = shellPolicy;
    }

    /** Claims the request for the thread that runs it; false when it was stopped before. */
    final synchronized boolean markStarted() {
        if (finished) {
            return false;
        }
        started = true;
        return true;
    }

    final synchronized void attach(Future<?> runningWork, ScheduledFuture<?> timeoutTimer) {
        this.work = runningWork;
        this.deadline = timeoutTimer;
        if (finished) {
            timeoutTimer.cancel(false);
        }
    }

    final void setArguments(String text) {
        arguments = text;
    }

    /**
     * The request runs on a worker (and the process pumps it starts), which may wait for a slow
     * peer; quick commands answer on the transport's thread, which must never wait.
     */
    protected void runsOffTheEventLoop() {
        // a port whose output never waits has nothing to change
    }

    /**
     * The request is a stream ({@link outpost.agent.internal.commands.StreamingCommand}): its output
     * has no cap, and {@code end} ends it when it is stopped (at once if it was stopped already).
     */
    final void streamUntilStopped(Runnable end) {
        synchronized (this) {
            if (stoppedAs == null && !finished) {
                endStream = end;
                outputUnbounded();
                return;
            }
        }
        end.run();
    }

    /** A stream's output is not capped; a port whose output has a cap lifts it here. */
    protected void outputUnbounded() {
        // no cap to lift
    }

    /**
     * Stops the request (a cancel, its deadline, a closed connection): interrupts the command's
     * thread, or, when no thread has taken it yet, ends it here.
     */
    public final void stop(ResultStatus why) {
        boolean notStarted;
        Runnable stream;
        synchronized (this) {
            if (finished) {
                return;
            }
            if (stoppedAs == null) {
                stoppedAs = why;
            }
            notStarted = !started;
            stream = endStream;
            endStream = null;
        }
        if (notStarted) {
            finish(Outcome.stopped(why, -1, 0, timeout));
        }
        if (stream != null) {
            stream.run();
        }
        Future<?> running = work;
        if (running != null) {
            running.cancel(true);
        }
    }

    /** Something to do once the ending is sent (session control acts after its answer). */
    final void afterFinish(Runnable action) {
        afterFinish = action;
    }

    /** Ends the request (later calls do nothing): a stop overrides what the command itself returned. */
    public final void finish(Outcome outcome) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true; // from here on no thread may start it, and no output is sent
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
        ResultStatus stopped = stoppedAs;
        deliver(stopped == null ? outcome
                : Outcome.stopped(stopped, outcome.exitCode(), outcome.durationMillis(), timeout));
        afterFinish.run();
    }

    /** Sends the ending in the port's words; called once, after the last output. */
    protected abstract void deliver(Outcome outcome);

    /** Whether the ending is on its way: output from then on is dropped. Call holding this object's lock. */
    protected final boolean isFinished() {
        return finished;
    }

    /** Why the request was stopped, or null while nothing stopped it. */
    protected final ResultStatus stoppedAs() {
        return stoppedAs;
    }

    @Override
    public final String arguments() {
        return arguments;
    }

    @Override
    public final boolean isCancelled() {
        return stoppedAs != null || Thread.currentThread().isInterrupted();
    }

    @Override
    public final Duration timeout() {
        return timeout;
    }

    @Override
    public final ShellPolicy shellPolicy() {
        return shellPolicy;
    }
}
