package outpost.transport;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to listen.
 *
 * @param tls            the server's key and certificate; empty for plain TCP (only where configured explicitly)
 * @param maxConnections connections beyond this are refused politely
 * @param tlsEngine      the engine TLS runs on ({@link TlsEngines#select})
 */
public record ListenerSettings(InetSocketAddress address, Optional<TlsIdentity> tls, Limits limits, int maxConnections,
        TlsEngine tlsEngine) {

    /** With the engine chosen automatically: BoringSSL when it loads, else JSSE. */
    public ListenerSettings(InetSocketAddress address, Optional<TlsIdentity> tls, Limits limits, int maxConnections) {
        this(address, tls, limits, maxConnections, TlsEngine.AUTO);
    }

    public ListenerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tlsEngine, "tlsEngine");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
    }
}
