package outpost.transport.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import outpost.transport.TlsIdentity;

/**
 * A listener's TLS on JSSE: one context with the server's key, an engine per connection. Built on JSSE
 * directly rather than through Netty's {@code SslContextBuilder}: Netty's JDK context initialises a
 * default JSSE context when its class loads, which parses the JDK's whole CA trust store (about 150
 * certificates kept in the heap for good) although a server that asks for no client certificate
 * never looks at it. The protocol and suites are those Netty's context chose, in the same order.
 */
final class JdkServerTls implements ServerTls {

    private final SSLContext context;
    /** Made once: each engine copies them in, so every connection shares one never-changed set. */
    private final SSLParameters parameters;

    JdkServerTls(TlsIdentity identity, String[] protocols) throws IOException {
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] { new IdentityKeyManager(identity) },
                    new TrustManager[] { NoClientCertificates.INSTANCE }, new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        SSLEngine prototype = context.createSSLEngine();
        prototype.setUseClientMode(false);
        parameters = prototype.getSSLParameters();
        parameters.setProtocols(protocols.clone());
        parameters.setCipherSuites(CIPHER_SUITES);
        parameters.setUseCipherSuitesOrder(true);
        parameters.setNeedClientAuth(false);
    }

    @Override
    public SslHandler newHandler(Channel channel) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters);
        return new SslHandler(engine);
    }

    /** Clients authenticate with tokens inside the session, never with certificates. */
    private enum NoClientCertificates implements X509TrustManager {
        INSTANCE;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a listener trusts no server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
