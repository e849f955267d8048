package outpost.agent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import outpost.agent.CommandContext;
import outpost.agent.ShellPolicy;
import outpost.agent.internal.commands.StreamingCommand;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.transport.Connection;

/**
 * A request between its start and its {@link Result}: the command's view of it (arguments, output,
 * cancellation), and the agent's handle to stop it. Exactly one Result is sent.
 */
final class RunningRequest implements CommandContext, StreamingCommand.StreamOutput {

    private final int id;
    private final Duration timeout;
    private final Connection connection;
    private final Consumer<Result> onFinished;
    private final ShellPolicy shellPolicy;
    private long outputCapChars; // guarded by this
    private long outputChars;
    private volatile boolean truncated;
    private volatile String arguments = "";
    private volatile ResultStatus stoppedAs;
    private volatile Future<?> work;
    private volatile ScheduledFuture<?> deadline;
    private boolean started;
    private boolean finished;
    private volatile Runnable afterFinish = () -> { };
    private volatile boolean mayWaitForPeer;
    private Runnable onStop; // guarded by this

    /** Largest text of one OUTPUT frame: at most 3 bytes of UTF-8 per char keeps it under 1 MiB frames. */
    static final int MAX_CHUNK_CHARS = 256 * 1024;
    /**
     * How long output waits for a peer that is behind before it is sent anyway (and the transport
     * closes a connection whose peer still does not read).
     */
    static final Duration STALLED_PEER = Duration.ofSeconds(30);
    private static final Duration WAKE_TO_CHECK = Duration.ofMillis(200);

    RunningRequest(int id, Duration timeout, Connection connection, Consumer<Result> onFinished, ShellPolicy shellPolicy,
            int outputCapBytes) {
        this.id = id;
        this.timeout = timeout;
        this.connection = connection;
        this.onFinished = onFinished;
        this.shellPolicy = shellPolicy;
        this.outputCapChars = outputCapBytes;
    }

    /** Claims the request for a worker; false when it was stopped before any worker took it. */
    synchronized boolean markStarted() {
        if (finished) {
            return false;
        }
        started = true;
        return true;
    }

    synchronized void attach(Future<?> runningWork, ScheduledFuture<?> timeoutTimer) {
        this.work = runningWork;
        this.deadline = timeoutTimer;
        if (finished) {
            timeoutTimer.cancel(false);
        }
    }

    /**
     * The request runs on a thread of its own (a worker, and the process pumps it starts), which may
     * wait for a slow peer; quick commands answer on the transport's thread, which must never wait.
     */
    void runsOffTheEventLoop() {
        mayWaitForPeer = true;
    }

    /**
     * The request is a stream (StreamingCommand): no output cap, and {@code action} ends it when
     * it is stopped (at once if it was stopped already).
     */
    void streamUntilStopped(Runnable action) {
        synchronized (this) {
            outputCapChars = Long.MAX_VALUE;
            if (stoppedAs == null) {
                onStop = action;
                return;
            }
        }
        action.run();
    }

    void setArguments(String text) {
        arguments = text;
    }

    /**
     * Cancels (by the caller, or by the deadline): interrupts the command's thread, or, when no
     * worker has taken the request yet, ends it here with its result.
     */
    void stop(ResultStatus why) {
        boolean notStarted;
        Runnable endStream;
        synchronized (this) {
            if (finished) {
                return;
            }
            if (stoppedAs == null) {
                stoppedAs = why;
            }
            notStarted = !started;
            endStream = onStop;
            onStop = null;
        }
        if (notStarted) {
            finish(result(why, -1, 0, ""));
        }
        if (endStream != null) {
            endStream.run();
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
            return new Result(id, stopped, exitCode, durationMillis, truncated, "timed out after " + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
        }
        if (stopped == ResultStatus.CANCELLED) {
            return new Result(id, stopped, exitCode, durationMillis, truncated, "cancelled");
        }
        return new Result(id, status, exitCode, durationMillis, truncated, message);
    }

    /** Something to do once the result is recorded and sent (session control acts after its answer). */
    void afterFinish(Runnable action) {
        afterFinish = action;
    }

    /** Sends the one result of this request (later calls do nothing) and releases its id. */
    void finish(Result result) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true; // from here on no worker may start it
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
        onFinished.accept(result);
        try {
            connection.send(result);
        } catch (IOException e) {
            // the client is gone; nobody is waiting for this result
        }
        afterFinish.run();
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
    public void send(String text) {
        stdout(text);
    }

    @Override
    public boolean peerKeepsUp() {
        return connection.isWritable();
    }

    @Override
    public void stderr(String text) {
        output(OutputKind.STDERR, text);
    }

    /** Sends output up to the cap (counted in chars, close to bytes for the usual text); past it, one marker. */
    private void output(OutputKind kind, String whole) {
        String text;
        synchronized (this) {
            if (truncated || finished) {
                return;
            }
            long room = outputCapChars - outputChars;
            if (whole.length() > room) {
                truncated = true;
                text = whole.substring(0, (int) Math.max(0, room)) + "\n[output cut at " + outputCapChars
                        + " characters: the agent's output cap]\n";
            } else {
                text = whole;
            }
            outputChars += whole.length();
        }
        try {
            int from = 0;
            while (from < text.length()) {
                int to = Math.min(text.length(), from + MAX_CHUNK_CHARS);
                if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                    to--; // never split a surrogate pair
                }
                awaitPeer();
                synchronized (this) {
                    // Output that comes after the result (a process's pumps still draining once it was
                    // killed) is dropped: the client may already have reused the id. Sent under the
                    // lock that finish() takes, so every OUTPUT is queued before the RESULT.
                    if (finished) {
                        return;
                    }
                    connection.send(new Output(id, kind, text.substring(from, to)));
                }
                from = to;
            }
        } catch (IOException e) {
            stop(ResultStatus.CANCELLED); // the client is gone: stop working for it
        }
    }

    /** A flood is paced by the reader: waits while the queue toward the peer is full, up to {@link #STALLED_PEER}. */
    private void awaitPeer() {
        if (!mayWaitForPeer || connection.isWritable()) {
            return;
        }
        long deadline = System.nanoTime() + STALLED_PEER.toNanos();
        try {
            // in short waits, so a cancel or timeout (which kills the process, not this pump) is noticed
            while (!connection.awaitWritable(WAKE_TO_CHECK) && connection.isOpen() && stoppedAs == null
                    && System.nanoTime() < deadline) {
                // still behind
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    @Override
    public ShellPolicy shellPolicy() {
        return shellPolicy;
    }
}
