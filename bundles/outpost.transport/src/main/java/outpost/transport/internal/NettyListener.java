package outpost.transport.internal;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import outpost.transport.Listener;

/** A bound server channel and the count of its open connections. */
final class NettyListener implements Listener {

    private final Channel serverChannel;
    private final ServingPipeline serving;

    NettyListener(Channel serverChannel, ServingPipeline serving) {
        this.serverChannel = serverChannel;
        this.serving = serving;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public int connectionCount() {
        return serving.openConnections();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
