package outpost.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * How tunnelled connections are served: the same TLS identity, limits and engine choice as a socket
 * listener's.
 *
 * @param tls            the server's key and certificate; empty for no TLS (tests only)
 * @param maxConnections connections beyond this are refused politely
 */
public record TunnelListenerSettings(Optional<TlsIdentity> tls, Limits limits, int maxConnections, TlsEngine tlsEngine) {

    public TunnelListenerSettings {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tlsEngine, "tlsEngine");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
    }
}
