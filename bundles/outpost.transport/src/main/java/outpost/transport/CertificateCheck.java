package outpost.transport;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Decides whether to trust the certificate a server presents. Outpost pins certificates by
 * fingerprint (SSH-style) instead of using certificate authorities.
 */
@FunctionalInterface
public interface CertificateCheck {

    /**
     * @throws CertificateException with a message for users when the certificate is not trusted
     */
    void check(String host, int port, X509Certificate certificate) throws CertificateException;
}
