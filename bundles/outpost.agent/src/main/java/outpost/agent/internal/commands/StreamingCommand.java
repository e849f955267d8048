package outpost.agent.internal.commands;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;

/**
 * A command that answers until the caller cancels it, without holding a thread (a worker per
 * {@code watch} would let eight watchers starve every other command): {@link #open} starts the
 * stream and returns at once; the agent closes the returned subscription when the request is
 * cancelled or its connection ends, and only then sends the request's one result. The request's
 * timeout and output cap do not apply to it.
 */
public interface StreamingCommand extends AgentCommand {

    /**
     * Starts the stream. Called on the connection's event loop: must not block.
     *
     * @throws IllegalArgumentException when the arguments are invalid (the message is shown to the user)
     */
    Subscription open(String arguments, StreamOutput output);

    /** Opening a stream is quick; the stream then runs on whatever feeds it. */
    @Override
    default boolean isQuick() {
        return true;
    }

    /** Only framed clients can cancel, so only they get streams (the plain-text dialect has no cancel). */
    @Override
    default int execute(CommandContext context) {
        throw new IllegalArgumentException("streams only to framed clients (outpost-cli, the console), which can cancel it");
    }

    /** Where a stream's output goes. */
    interface StreamOutput {

        /** Sends a chunk of standard output now; never waits for the caller. */
        void send(String text);

        /** Whether the caller takes output as fast as it is sent: false while the queue toward it is full. */
        boolean peerKeepsUp();
    }

    /** A running stream; closing it stops its output. */
    interface Subscription {
        void close();
    }
}
