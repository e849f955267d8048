package outpost.agent;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the agent serves.
 *
 * @param address          where to listen; loopback unless configured otherwise
 * @param dataDirectory    holds the tokens, the TLS key and certificate
 * @param tls              false only where the configuration asks for plain TCP explicitly
 * @param maxConnections   connections beyond this are refused politely
 * @param maxInFlight      requests in flight per connection
 * @param handshakeTimeout time a new connection has to authenticate
 * @param idleTimeout      a client silent for this long (no keepalive either) is dropped
 * @param defaultTimeout   how long a request may run unless it asks for less
 */
public record AgentSettings(InetSocketAddress address, Path dataDirectory, boolean tls, int maxConnections,
        int maxInFlight, Duration handshakeTimeout, Duration idleTimeout, Duration defaultTimeout) {

    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;

    public AgentSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /** The defaults: TLS, 256 connections, 32 requests in flight, 10 s to authenticate, 15 s idle, 60 s per request. */
    public static AgentSettings defaults(InetSocketAddress address, Path dataDirectory) {
        return new AgentSettings(address, dataDirectory, true, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_IN_FLIGHT,
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    public AgentSettings withAddress(InetSocketAddress newAddress) {
        return new AgentSettings(newAddress, dataDirectory, tls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout,
                defaultTimeout);
    }

    public AgentSettings withTls(boolean useTls) {
        return new AgentSettings(address, dataDirectory, useTls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout,
                defaultTimeout);
    }

    public AgentSettings withLimits(int connections, int inFlight, Duration handshake, Duration idle) {
        return new AgentSettings(address, dataDirectory, tls, connections, inFlight, handshake, idle, defaultTimeout);
    }
}
