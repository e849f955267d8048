package outpost.agent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

import outpost.agent.CommandContext;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.transport.Connection;

/**
 * A request between its start and its {@link Result}: the command's view of it (arguments, output,
 * cancellation), and the agent's handle to stop it. Exactly one Result is sent.
 */
final class RunningRequest implements CommandContext {

    private final int id;
    private final Duration timeout;
    private final Connection connection;
    private volatile String arguments = "";
    private volatile ResultStatus stoppedAs;
    private volatile Future<?> work;
    private volatile ScheduledFuture<?> deadline;
    private boolean finished;

    RunningRequest(int id, Duration timeout, Connection connection) {
        this.id = id;
        this.timeout = timeout;
        this.connection = connection;
    }

    synchronized void attach(Future<?> runningWork, ScheduledFuture<?> timeoutTimer) {
        this.work = runningWork;
        this.deadline = timeoutTimer;
        if (finished) {
            timeoutTimer.cancel(false);
        }
    }

    void setArguments(String text) {
        arguments = text;
    }

    /** Cancels (by the caller, or by the deadline): interrupts the command's thread. */
    void stop(ResultStatus why) {
        if (stoppedAs == null) {
            stoppedAs = why;
        }
        Future<?> running = work;
        if (running != null) {
            running.cancel(true);
        }
    }

    /** The result to send: a stop (cancel, timeout) overrides what the command itself returned. */
    Result result(ResultStatus status, int exitCode, long durationMillis, String message) {
        ResultStatus stopped = stoppedAs;
        if (stopped == ResultStatus.TIMED_OUT) {
            return new Result(id, stopped, exitCode, durationMillis, false, "timed out after " + timeout.toSeconds() + " s");
        }
        if (stopped == ResultStatus.CANCELLED) {
            return new Result(id, stopped, exitCode, durationMillis, false, "cancelled");
        }
        return new Result(id, status, exitCode, durationMillis, false, message);
    }

    synchronized void finish(Result result) {
        finished = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        try {
            connection.send(result);
        } catch (IOException e) {
            // the client is gone; nobody is waiting for this result
        }
    }

    @Override
    public String arguments() {
        return arguments;
    }

    @Override
    public void stdout(String text) {
        output(OutputKind.STDOUT, text);
    }

    @Override
    public void stderr(String text) {
        output(OutputKind.STDERR, text);
    }

    private void output(OutputKind kind, String text) {
        try {
            connection.send(new Output(id, kind, text));
        } catch (IOException e) {
            stop(ResultStatus.CANCELLED); // the client is gone: stop working for it
        }
    }

    @Override
    public boolean isCancelled() {
        return stoppedAs != null || Thread.currentThread().isInterrupted();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }
}
