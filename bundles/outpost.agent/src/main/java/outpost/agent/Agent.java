package outpost.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/** The agent's network endpoint: start it on an address, stop it. */
public interface Agent {

    /** The default port, as in the original documents' examples. */
    int DEFAULT_PORT = 5005;

    /**
     * Starts listening. Port 0 picks a free port.
     *
     * @return the address actually bound
     * @throws IOException when the address cannot be bound (in use, not local, no permission)
     * @throws IllegalStateException when already listening
     */
    InetSocketAddress start(InetSocketAddress bindAddress) throws IOException;

    /** Stops listening and closes every client connection. Idempotent. */
    void stop();

    /** Where the agent is listening, if it is. */
    Optional<InetSocketAddress> address();
}
