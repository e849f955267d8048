package outpost.transport.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import outpost.transport.Listener;

/** A bound server channel and the count of its open connections. */
final class NettyListener implements Listener {

    private final Channel serverChannel;
    private final AtomicInteger connections;

    NettyListener(Channel serverChannel, AtomicInteger connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public int connectionCount() {
        return connections.get();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
