package outpost.client;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import outpost.protocol.Hello;
import outpost.protocol.Reply;

/**
 * A client's conversation with one agent. Connect, send command lines, get their replies; the
 * status says whether sending is possible. Thread-safe.
 */
public interface AgentSession extends AutoCloseable {

    String host();

    int port();

    SessionStatus status();

    /** What the agent announced when the session connected. */
    Optional<Hello> hello();

    /**
     * Connects and waits for the agent's greeting. Blocks: never call it on a UI thread.
     *
     * @throws IOException with a message fit for users when the agent cannot be reached or
     *                     speaks an incompatible protocol; the status stays disconnected
     */
    void connect() throws IOException;

    /**
     * Sends a command line. The future completes with the agent's reply, or exceptionally with an
     * {@link IOException} when the connection is lost first.
     *
     * @throws IllegalStateException when the session is not connected
     */
    CompletableFuture<Reply> send(String commandLine);

    void addListener(SessionListener listener);

    void removeListener(SessionListener listener);

    /** Disconnects; pending requests fail. Idempotent. */
    @Override
    void close();
}
