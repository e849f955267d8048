package outpost.agent.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;

import outpost.transport.TlsIdentity;

/**
 * One TLS 1.3 handshake between two in-memory {@link SSLEngine}s with the agent's own identity, run
 * on a worker while the agent starts: the first client's handshake would otherwise load about 450
 * JSSE classes and run the EC code cold (0.5 s and more of the first answer). No socket is opened;
 * the client side trusts exactly this certificate.
 */
final class TlsWarmUp {

    private static final int MAX_STEPS = 200; // a TLS 1.3 handshake takes a handful; bounded in case of a JSSE surprise
    private static final char[] IN_MEMORY = new char[0];

    private TlsWarmUp() {
    }

    /** Runs the handshake; returns whether it completed (a failure only means no warm-up). */
    static boolean handshake(TlsIdentity identity) throws GeneralSecurityException, SSLException {
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            keys.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        keys.setKeyEntry("agent", identity.privateKey(), IN_MEMORY, new Certificate[] { identity.certificate() });
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, IN_MEMORY);
        // Both sides get this trust manager: without one, JSSE would parse the JDK's whole CA trust store.
        X509TrustManager[] trust = { new ThisCertificateOnly(identity.certificate()) };
        SSLContext serverContext = SSLContext.getInstance("TLSv1.3");
        serverContext.init(keyManagers.getKeyManagers(), trust, new SecureRandom());
        SSLContext clientContext = SSLContext.getInstance("TLSv1.3");
        clientContext.init(null, trust, new SecureRandom());

        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = clientContext.createSSLEngine("outpost-warm-up", 0);
        client.setUseClientMode(true);
        int packet = Math.max(server.getSession().getPacketBufferSize(), client.getSession().getPacketBufferSize());
        int application = Math.max(server.getSession().getApplicationBufferSize(),
                client.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(packet);
        ByteBuffer toClient = ByteBuffer.allocate(packet);
        ByteBuffer clientIn = ByteBuffer.allocate(application);
        ByteBuffer serverIn = ByteBuffer.allocate(application);
        ByteBuffer nothing = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < MAX_STEPS; step++) {
            if (finished(client) && finished(server)) {
                return true;
            }
            client.wrap(nothing, toServer);
            toServer.flip();
            server.unwrap(toServer, serverIn);
            toServer.compact();
            runTasks(server);
            server.wrap(nothing, toClient);
            toClient.flip();
            client.unwrap(toClient, clientIn);
            toClient.compact();
            runTasks(client);
        }
        return false;
    }

    private static boolean finished(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** The warm-up client talks to the in-memory server holding this certificate, and to nothing else. */
    private static final class ThisCertificateOnly implements X509TrustManager {

        private final X509Certificate expected;

        ThisCertificateOnly(X509Certificate expected) {
            this.expected = expected;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain.length == 0 || !chain[0].equals(expected)) {
                throw new CertificateException("not the agent's own certificate");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the warm-up has no client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
