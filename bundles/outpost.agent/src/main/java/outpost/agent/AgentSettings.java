package outpost.agent;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import outpost.transport.TlsEngine;

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
 * @param shell            which shell command lines may run; none by default
 * @param outputCapBytes   output of one request beyond this is cut, with a visible marker
 * @param plainText        the plain-text dialect's port; off by default
 * @param tlsEngine        the TLS engine (configuration key tls.engine); auto by default
 * @param broker           broker mode (keys broker.*): sessions through an MQTT broker besides the
 *                         listener; off by default
 */
public record AgentSettings(InetSocketAddress address, Path dataDirectory, boolean tls, int maxConnections,
        int maxInFlight, Duration handshakeTimeout, Duration idleTimeout, Duration defaultTimeout, ShellPolicy shell,
        int outputCapBytes, PlainTextSettings plainText, TlsEngine tlsEngine, Optional<BrokerMode> broker) {

    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;
    public static final int DEFAULT_OUTPUT_CAP_BYTES = 4 << 20;

    public AgentSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(plainText, "plainText");
        Objects.requireNonNull(tlsEngine, "tlsEngine");
        Objects.requireNonNull(broker, "broker");
    }

    /** Settings without broker mode (the canonical constructor of 0.4). */
    public AgentSettings(InetSocketAddress address, Path dataDirectory, boolean tls, int maxConnections, int maxInFlight,
            Duration handshakeTimeout, Duration idleTimeout, Duration defaultTimeout, ShellPolicy shell,
            int outputCapBytes, PlainTextSettings plainText, TlsEngine tlsEngine) {
        this(address, dataDirectory, tls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout, defaultTimeout,
                shell, outputCapBytes, plainText, tlsEngine, Optional.empty());
    }

    /** Settings with the TLS engine chosen automatically (the constructor of 0.4). */
    public AgentSettings(InetSocketAddress address, Path dataDirectory, boolean tls, int maxConnections, int maxInFlight,
            Duration handshakeTimeout, Duration idleTimeout, Duration defaultTimeout, ShellPolicy shell,
            int outputCapBytes, PlainTextSettings plainText) {
        this(address, dataDirectory, tls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout, defaultTimeout,
                shell, outputCapBytes, plainText, TlsEngine.AUTO);
    }

    /** Settings without the plain-text dialect (the constructor of 0.2). */
    public AgentSettings(InetSocketAddress address, Path dataDirectory, boolean tls, int maxConnections, int maxInFlight,
            Duration handshakeTimeout, Duration idleTimeout, Duration defaultTimeout, ShellPolicy shell,
            int outputCapBytes) {
        this(address, dataDirectory, tls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout, defaultTimeout,
                shell, outputCapBytes, PlainTextSettings.OFF);
    }

    /**
     * The defaults: TLS, 256 connections, 32 requests in flight, 10 s to authenticate, 15 s idle,
     * 60 s per request, no shell commands, 4 MiB of output per request, no plain-text port.
     */
    public static AgentSettings defaults(InetSocketAddress address, Path dataDirectory) {
        return new AgentSettings(address, dataDirectory, true, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_IN_FLIGHT,
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(60), ShellPolicy.DISABLED,
                DEFAULT_OUTPUT_CAP_BYTES, PlainTextSettings.OFF);
    }

    public AgentSettings withShell(ShellPolicy policy, Duration timeout, int outputCap) {
        return new AgentSettings(address, dataDirectory, tls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout,
                timeout, policy, outputCap, plainText, tlsEngine, broker);
    }

    public AgentSettings withAddress(InetSocketAddress newAddress) {
        return new AgentSettings(newAddress, dataDirectory, tls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout,
                defaultTimeout, shell, outputCapBytes, plainText, tlsEngine, broker);
    }

    public AgentSettings withTls(boolean useTls) {
        return new AgentSettings(address, dataDirectory, useTls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout,
                defaultTimeout, shell, outputCapBytes, plainText, tlsEngine, broker);
    }

    public AgentSettings withLimits(int connections, int inFlight, Duration handshake, Duration idle) {
        return new AgentSettings(address, dataDirectory, tls, connections, inFlight, handshake, idle, defaultTimeout, shell,
                outputCapBytes, plainText, tlsEngine, broker);
    }

    public AgentSettings withTlsEngine(TlsEngine engine) {
        return new AgentSettings(address, dataDirectory, tls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout,
                defaultTimeout, shell, outputCapBytes, plainText, engine, broker);
    }

    public AgentSettings withPlainText(PlainTextSettings settings) {
        return new AgentSettings(address, dataDirectory, tls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout,
                defaultTimeout, shell, outputCapBytes, settings, tlsEngine, broker);
    }

    public AgentSettings withBroker(Optional<BrokerMode> mode) {
        return new AgentSettings(address, dataDirectory, tls, maxConnections, maxInFlight, handshakeTimeout, idleTimeout,
                defaultTimeout, shell, outputCapBytes, plainText, tlsEngine, mode);
    }
}
