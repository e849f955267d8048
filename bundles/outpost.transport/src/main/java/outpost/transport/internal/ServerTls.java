package outpost.transport.internal;

import java.io.IOException;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import outpost.transport.TlsEngineInUse;
import outpost.transport.TlsIdentity;

/** A listener's TLS: a handler per accepted connection, on the engine the listener's choice resolved to. */
interface ServerTls {

    /** TLS 1.3's AES-GCM suites, AES-128 first, on JSSE (BoringSSL's cannot be narrowed: {@link NativeServerTls}). */
    String[] CIPHER_SUITES = { "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384" };

    SslHandler newHandler(Channel channel);

    static ServerTls create(TlsIdentity identity, String[] protocols, TlsEngineInUse engine) throws IOException {
        return engine.isNative() ? new NativeServerTls(identity, protocols, TlsGroups.nativeGroups(TlsGroups.OFFER_HYBRID))
                : new JdkServerTls(identity, protocols);
    }
}
