package outpost.testing.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import outpost.client.CommandCall;
import outpost.client.OutputListener;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;

/**
 * A started command of a {@link FakeAgent} that streams (such as {@code watch}): its output comes
 * as the test writes it, in the chunks the test chooses, until the test ends it, the client
 * cancels it (CANCELLED) or the session drops (the call fails, as a real session's does).
 */
public final class FakeStream implements CommandCall {

    private final int id;
    private final String commandLine;
    private final OutputListener listener;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private volatile boolean cancelled;

    FakeStream(int id, String commandLine, OutputListener listener) {
        this.id = id;
        this.commandLine = commandLine;
        this.listener = listener;
    }

    public String commandLine() {
        return commandLine;
    }

    /** One chunk on standard output, told to the client's listener on the calling thread. */
    public void write(String chunk) {
        if (result.isDone()) {
            throw new IllegalStateException(commandLine + " has ended");
        }
        listener.output(new Output(id, OutputKind.STDOUT, chunk));
    }

    /** The agent ends the command with this status. */
    public void end(ResultStatus status) {
        result.complete(status == ResultStatus.OK ? Result.ok(id, 1) : Result.of(id, status, commandLine + " ended: " + status));
    }

    /** Whether the client cancelled it. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Whether it has ended (by the test, a cancel or a drop). */
    public boolean ended() {
        return result.isDone();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public CompletableFuture<Result> result() {
        return result;
    }

    @Override
    public void cancel() {
        cancelled = true;
        result.complete(Result.of(id, ResultStatus.CANCELLED, "cancelled"));
    }

    void connectionLost() {
        result.completeExceptionally(new IOException("The connection to the agent was lost."));
    }
}
