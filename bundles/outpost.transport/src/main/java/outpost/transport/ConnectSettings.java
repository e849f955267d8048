package outpost.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to connect.
 *
 * @param tls the check of the server's certificate; empty for plain TCP
 */
public record ConnectSettings(String host, int port, Duration connectTimeout, Optional<CertificateCheck> tls, Limits limits) {

    public ConnectSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
    }
}
