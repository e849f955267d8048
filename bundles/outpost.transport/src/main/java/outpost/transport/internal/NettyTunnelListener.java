package outpost.transport.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.local.LocalChannel;
import outpost.transport.Tunnel;
import outpost.transport.TunnelCarrier;
import outpost.transport.TunnelListener;

/** Serves tunnelled streams with the pipeline a socket listener uses ({@link ServingPipeline}). */
final class NettyTunnelListener implements TunnelListener {

    private final EventLoopGroup loops;
    private final ServingPipeline serving;
    private final Set<TunnelEnd> tunnels = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    NettyTunnelListener(EventLoopGroup loops, ServingPipeline serving) {
        this.loops = loops;
        this.serving = serving;
    }

    @Override
    public Tunnel accept(String peer, TunnelCarrier carrier) {
        TunnelEnd tunnel = new TunnelEnd(loops.next(), peer, serving.limits().maxQueuedBytes());
        if (closed) {
            tunnel.refuse(carrier);
            return tunnel;
        }
        tunnels.add(tunnel);
        tunnel.whenEnded(() -> tunnels.remove(tunnel));
        tunnel.start(carrier, new ChannelInitializer<LocalChannel>() {
            @Override
            protected void initChannel(LocalChannel channel) {
                channel.pipeline().addLast("tunnel", tunnel.newGate());
                serving.serve(channel, peer);
            }
        }, serving.limits());
        if (closed) {
            tunnel.close(); // closed while this one started: close() may not have seen it
        }
        return tunnel;
    }

    @Override
    public int openConnections() {
        return serving.openConnections();
    }

    @Override
    public void close() {
        closed = true;
        for (TunnelEnd tunnel : tunnels) {
            tunnel.close();
        }
    }
}
