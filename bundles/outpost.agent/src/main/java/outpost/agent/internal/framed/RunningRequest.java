package outpost.agent.internal.framed;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

import outpost.agent.ShellPolicy;
import outpost.agent.internal.commands.StreamingCommand;
import outpost.agent.internal.dispatch.DispatchedRequest;
import outpost.agent.internal.dispatch.Outcome;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.transport.Connection;

/**
 * A framed request between its start and its {@link Result}: its output as OUTPUT frames (up to the
 * output cap), its ending as the one RESULT frame.
 */
final class RunningRequest extends DispatchedRequest implements StreamingCommand.StreamOutput {

    private final int id;
    private final Connection connection;
    private final Consumer<Result> onFinished;
    private long outputCapChars; // guarded by this
    private long outputChars; // guarded by this
    private volatile boolean truncated;
    private volatile boolean mayWaitForPeer;

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
        super(timeout, shellPolicy);
        this.id = id;
        this.connection = connection;
        this.onFinished = onFinished;
        this.outputCapChars = outputCapBytes;
    }

    @Override
    protected void runsOffTheEventLoop() {
        mayWaitForPeer = true;
    }

    /** Records the result, then sends it: after every OUTPUT, which {@link #output} sends under the lock that marks the end. */
    @Override
    protected void deliver(Outcome outcome) {
        Result result = new Result(id, outcome.status(), outcome.exitCode(), outcome.durationMillis(), truncated,
                outcome.message());
        onFinished.accept(result);
        try {
            connection.send(result);
        } catch (IOException e) {
            // the client is gone; nobody is waiting for this result
        }
    }

    @Override
    protected synchronized void outputUnbounded() {
        outputCapChars = Long.MAX_VALUE;
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
            if (truncated || isFinished()) {
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
                    if (isFinished()) {
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
            while (!connection.awaitWritable(WAKE_TO_CHECK) && connection.isOpen() && stoppedAs() == null
                    && System.nanoTime() < deadline) {
                // still behind
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
