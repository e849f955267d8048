package outpost.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import outpost.protocol.Hello;

/**
 * A client's conversation with one agent: connect (TLS with a pinned certificate, then the token),
 * run commands, possibly many at once, each streaming its output. The status says whether sending
 * is possible. Thread-safe.
 */
public interface AgentSession extends AutoCloseable {

    SessionSettings settings();

    SessionStatus status();

    /** What the agent announced when the session connected. */
    Optional<Hello> hello();

    /** The roles the agent granted the token (wire names), once connected. */
    List<String> roles();

    /** The fingerprint of the agent's certificate, once connected over TLS. */
    Optional<String> fingerprint();

    /**
     * Connects, checks the certificate, authenticates. Blocks: never call it on a UI thread.
     *
     * @throws IOException with a message fit for users (refused, timed out, unknown host,
     *                     certificate changed, token refused, incompatible protocol); the status
     *                     stays disconnected
     */
    void connect() throws IOException;

    /**
     * Starts a command.
     *
     * @param timeout how long the agent may run it; null for the agent's default
     * @throws IllegalStateException when the session is not connected
     */
    CommandCall execute(String commandLine, Duration timeout, OutputListener listener);

    /** Runs a command and collects its output. */
    default CompletableFuture<CommandReply> send(String commandLine) {
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        CommandCall call = execute(commandLine, null, chunk -> {
            synchronized (stdout) {
                (chunk.kind() == outpost.protocol.OutputKind.STDOUT ? stdout : stderr).append(chunk.text());
            }
        });
        return call.result().thenApply(result -> {
            synchronized (stdout) {
                return new CommandReply(result, stdout.toString(), stderr.toString());
            }
        });
    }

    /**
     * The time a keepalive takes to the agent and back (a protocol {@code PING}/{@code PONG}, answered
     * by the agent's transport ahead of any command, and not audited): the latency a monitor shows.
     *
     * @throws IllegalStateException when the session is not connected
     */
    CompletableFuture<Duration> roundTrip();

    void addListener(SessionListener listener);

    void removeListener(SessionListener listener);

    /** Disconnects; pending commands fail. Idempotent. */
    @Override
    void close();
}
