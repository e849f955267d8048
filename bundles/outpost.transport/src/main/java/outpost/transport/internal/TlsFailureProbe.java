package outpost.transport.internal;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;

/**
 * Makes BoringSSL's refusal of a record close the connection at once. Netty's OpenSSL engine answers
 * a record that fails its integrity check (a byte changed or a record replayed on the way) with an
 * alert, but raises the error only at its next wrap: a connection that sends nothing then stays open,
 * its peer waiting too. A flush after each read runs that wrap (one cheap call when nothing is
 * pending); JSSE raises the error while it reads and needs none.
 */
@Sharable
final class TlsFailureProbe extends ChannelInboundHandlerAdapter {

    private static final TlsFailureProbe INSTANCE = new TlsFailureProbe();

    private TlsFailureProbe() {
    }

    /** Adds the probe behind {@code tls} when it runs on BoringSSL. */
    static void addBehind(ChannelPipeline pipeline, SslHandler tls) {
        if (tls.engine() instanceof ReferenceCountedOpenSslEngine) {
            pipeline.addLast("tls-failures", INSTANCE);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        context.fireChannelReadComplete();
        context.flush();
    }
}
