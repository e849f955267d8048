package outpost.client;

import java.util.concurrent.CompletableFuture;

import outpost.protocol.Result;

/** A command in flight. */
public interface CommandCall {

    int id();

    /**
     * Completes with the agent's result, or exceptionally with an {@link java.io.IOException} when
     * the agent refuses the request or the connection is lost first.
     */
    CompletableFuture<Result> result();

    /** Asks the agent to stop the command; its result then says CANCELLED. */
    void cancel();
}
