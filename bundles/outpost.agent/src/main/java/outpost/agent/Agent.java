package outpost.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The agent's network endpoint: start it, stop it. */
public interface Agent {

    /** The default port, as in the original documents' examples. */
    int DEFAULT_PORT = 5005;

    /**
     * Loads or creates the tokens and the TLS identity in the data folder, then listens. Port 0
     * picks a free port.
     *
     * @return what the agent set up and where it listens
     * @throws IOException when the address cannot be bound or the data folder cannot be used
     * @throws IllegalStateException when already listening
     */
    AgentStartup start(AgentSettings settings) throws IOException;

    /** Tells every client the agent is stopping, closes all connections and the listener. Idempotent. */
    void stop();

    /** Where the agent is listening, if it is. */
    Optional<InetSocketAddress> address();

    /**
     * Completes when a client with the admin role asked the agent to stop ({@code kill}); the
     * application running the agent then exits.
     */
    CompletionStage<Void> stopRequested();

    /**
     * @param address           where the agent listens
     * @param fingerprint       its certificate's fingerprint; empty for plain TCP
     * @param createdTokenFile  the token file created on this start (first start), else empty
     */
    record AgentStartup(InetSocketAddress address, Optional<String> fingerprint, Optional<Path> createdTokenFile) {
    }
}
