package outpost.transport;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to listen.
 *
 * @param tls            the server's key and certificate; empty for plain TCP (only where configured explicitly)
 * @param maxConnections connections beyond this are refused politely
 */
public record ListenerSettings(InetSocketAddress address, Optional<TlsIdentity> tls, Limits limits, int maxConnections) {

    public ListenerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
    }
}
