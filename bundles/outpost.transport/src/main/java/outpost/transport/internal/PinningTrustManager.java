package outpost.transport.internal;

import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import outpost.transport.CertificateCheck;

/**
 * Trusts a server's certificate when the {@link CertificateCheck} of that connection does. One
 * instance serves every connection of a client context: it finds the connection's check from its
 * {@link SSLEngine}. Never used for clients, nor with sockets.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

    /** The check of one connection, and whether it has run (a resumed TLS session skips this manager). */
    static final class PinnedPeer {
        final String host;
        final int port;
        final CertificateCheck check;
        final AtomicBoolean checked = new AtomicBoolean();

        PinnedPeer(String host, int port, CertificateCheck check) {
            this.host = host;
            this.port = port;
            this.check = check;
        }

        /** Checks the certificate the server presented (or presented when the resumed session began). */
        void check(Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
                throw new CertificateException("the agent at " + host + ":" + port + " presented no certificate");
            }
            certificate.checkValidity();
            check.check(host, port, certificate);
            checked.set(true);
        }
    }

    private final Function<SSLEngine, PinnedPeer> peers;

    PinningTrustManager(Function<SSLEngine, PinnedPeer> peers) {
        this.peers = peers;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        PinnedPeer peer = engine == null ? null : peers.apply(engine);
        if (peer == null) {
            throw new CertificateException("no certificate check is registered for this connection");
        }
        peer.check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the connection's certificate check is found from its SSLEngine only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
