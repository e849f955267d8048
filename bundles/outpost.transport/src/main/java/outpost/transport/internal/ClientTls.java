package outpost.transport.internal;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.Channel;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import outpost.transport.CertificateCheck;
import outpost.transport.internal.PinningTrustManager.PinnedPeer;

/**
 * The client side's one TLS context per engine: building a JSSE context per connection cost a share of every
 * connect, and only a shared context keeps sessions a reconnect can resume (TLS 1.3 tickets, no
 * certificate signature to make and verify). Each connection registers its own certificate check
 * under its SSLEngine; the check runs once per connection: in the trust manager on a full handshake,
 * or after the handshake when the session was resumed (neither engine then asks the trust manager).
 */
final class ClientTls {

    private final Map<SSLEngine, PinnedPeer> peers = new ConcurrentHashMap<>();
    private final AtomicLong resumed = new AtomicLong();
    private final SslContext context;

    /** @param groups the key-exchange groups on BoringSSL, null on JSSE (it takes them from a system property) */
    ClientTls(String[] protocols, String[] groups) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient().trustManager(new PinningTrustManager(peers::get)).protocols(protocols);
        if (groups == null) {
            builder.sslProvider(SslProvider.JDK);
        } else {
            builder.sslProvider(SslProvider.OPENSSL).option(OpenSslContextOption.GROUPS, groups);
        }
        context = builder.build();
    }

    /** A handler for a new connection to {@code host:port}, trusting what {@code check} trusts. */
    SslHandler newHandler(Channel channel, String host, int port, CertificateCheck check) {
        SslHandler handler = context.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        peers.put(engine, new PinnedPeer(host, port, check));
        channel.closeFuture().addListener(closed -> peers.remove(engine));
        return handler;
    }

    /**
     * After a successful handshake: runs the connection's check if the trust manager did not
     * (a resumed session), on the certificate the session began with. Throws when it refuses.
     */
    void checkIfResumed(SslHandler handler) throws IOException {
        SSLEngine engine = handler.engine();
        PinnedPeer peer = peers.remove(engine);
        if (peer == null) {
            throw new IOException("no certificate check is registered for this connection");
        }
        if (peer.checked.get()) {
            return;
        }
        resumed.incrementAndGet();
        try {
            peer.check(engine.getSession().getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            throw new IOException("the agent at " + peer.host + ":" + peer.port + " presented no certificate", e);
        } catch (CertificateException e) {
            throw new SSLHandshakeException(e.getMessage());
        }
    }

    /** How many connections resumed an earlier TLS session (their check ran after the handshake). */
    long resumedCount() {
        return resumed.get();
    }
}
