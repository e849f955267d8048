package outpost.transport.internal;

import java.io.IOException;

import javax.net.ssl.SSLException;

import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import outpost.transport.TlsIdentity;

/**
 * A listener's TLS on BoringSSL: one context with the server's key (handed to BoringSSL once, no key
 * store), an engine per connection; the same protocol and groups as on JSSE. BoringSSL's TLS 1.3
 * suites cannot be narrowed (Netty says so when asked): it takes AES-128-GCM, AES-256-GCM and
 * ChaCha20-Poly1305, in the client's order.
 */
final class NativeServerTls implements ServerTls {

    private final SslContext context;

    NativeServerTls(TlsIdentity identity, String[] protocols, String[] groups) throws IOException {
        try {
            context = SslContextBuilder.forServer(identity.privateKey(), identity.certificate())
                    .sslProvider(SslProvider.OPENSSL)
                    .protocols(protocols)
                    .clientAuth(ClientAuth.NONE)
                    .option(OpenSslContextOption.GROUPS, groups)
                    .build();
        } catch (SSLException e) {
            throw new IOException("cannot set up TLS on BoringSSL: " + e.getMessage(), e);
        }
    }

    @Override
    public SslHandler newHandler(Channel channel) {
        return context.newHandler(channel.alloc());
    }
}
