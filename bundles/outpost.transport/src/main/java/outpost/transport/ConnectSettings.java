package outpost.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to connect.
 *
 * @param tls       the check of the server's certificate; empty for plain TCP
 * @param tlsEngine the engine TLS runs on ({@link TlsEngines#select})
 */
public record ConnectSettings(String host, int port, Duration connectTimeout, Optional<CertificateCheck> tls, Limits limits,
        TlsEngine tlsEngine) {

    /** With the engine chosen automatically: BoringSSL when it loads, else JSSE. */
    public ConnectSettings(String host, int port, Duration connectTimeout, Optional<CertificateCheck> tls, Limits limits) {
        this(host, port, connectTimeout, tls, limits, TlsEngine.AUTO);
    }

    public ConnectSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tlsEngine, "tlsEngine");
    }
}
