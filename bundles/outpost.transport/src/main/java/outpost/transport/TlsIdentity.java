package outpost.transport;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A server's private key and certificate. */
public record TlsIdentity(PrivateKey privateKey, X509Certificate certificate) {

    public TlsIdentity {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    public String fingerprint() {
        return Fingerprints.sha256(certificate);
    }
}
