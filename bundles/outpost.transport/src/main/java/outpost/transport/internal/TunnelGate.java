package outpost.transport.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;

/**
 * First in a tunnelled connection's pipeline, where a socket would be: counts what the connection
 * reads of the peer's bytes, and holds its ciphertext while the carrier is paused. A local channel
 * hands every write to its peer at once, however slowly that peer reads, so without this hold a
 * paused carrier would not slow the connection at all. Held writes count as queued bytes of the
 * channel, so the connection's high-water mark and its slow-reader limit apply as over a socket.
 */
final class TunnelGate extends ChannelDuplexHandler {

    private final TunnelEnd tunnel;
    private ChannelHandlerContext context;
    private PendingWriteQueue held;

    TunnelGate(TunnelEnd tunnel) {
        this.tunnel = tunnel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext handlerContext) {
        context = handlerContext;
        held = new PendingWriteQueue(handlerContext);
        tunnel.attach(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext handlerContext, Object message) {
        if (message instanceof ByteBuf bytes) {
            tunnel.consumed(bytes.readableBytes());
        }
        handlerContext.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext handlerContext, Object message, ChannelPromise promise) {
        if (tunnel.paused()) {
            held.add(message, promise);
        } else {
            handlerContext.write(message, promise);
        }
    }

    /** The carrier takes bytes again: what was held goes first (on the loop). */
    void release() {
        if (!held.isEmpty()) {
            held.removeAndWriteAll();
            context.flush();
        }
    }

    /** Closes the connection, which hears {@code reason} (on the loop). */
    void fail(IOException reason) {
        context.fireExceptionCaught(reason);
    }

    @Override
    public void channelInactive(ChannelHandlerContext handlerContext) throws Exception {
        held.removeAndFailAll(new ClosedChannelException());
        super.channelInactive(handlerContext);
    }
}
