package outpost.transport.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import outpost.transport.Limits;
import outpost.transport.Tunnel;
import outpost.transport.TunnelCarrier;

/**
 * One tunnelled stream inside the transport. A pair of local channels stands in for a socket: the
 * connection's channel, with the same pipeline as over TCP, and a bridge whose reads (the
 * connection's ciphertext) go to the carrier and into which the bytes the carrier receives are
 * written. Both channels of the pair live on one event loop, and so does every change made here, so
 * order holds without locks.
 */
final class TunnelEnd implements Tunnel {

    private static final System.Logger LOG = System.getLogger(TunnelEnd.class.getName());

    /** The most one carrier send holds: the connection's output of one read loop, up to this. */
    static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final EventLoop loop;
    private final String peer;
    private final int maxUnreadBytes;
    /** Received from the peer and not yet read by the connection (a peer cannot make it grow without bound). */
    private final AtomicLong unread = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** False once the peer closed, the tunnel was cut off or ended: later bytes are dropped. */
    private volatile boolean accepting = true;
    private volatile boolean closedByPeer;
    /** The peer sent more than the connection could hold unread: what it sent is dropped. */
    private volatile boolean cut;
    private volatile TunnelCarrier carrier;
    private volatile Runnable whenEnded = () -> {
    };

    // On the loop only:
    private Channel bridge;
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();
    private boolean closeRequested;
    private boolean paused;
    private TunnelGate gate;

    TunnelEnd(EventLoop loop, String peer, int maxUnreadBytes) {
        this.loop = loop;
        this.peer = peer;
        this.maxUnreadBytes = maxUnreadBytes;
    }

    /** What to do, once, when the tunnel has ended (set before {@link #start}). */
    void whenEnded(Runnable action) {
        this.whenEnded = action;
    }

    /**
     * Makes the pair of channels: {@code connectionSide} sets up the connection's channel, and must
     * put {@link #newGate()} first in its pipeline.
     */
    void start(TunnelCarrier streamCarrier, ChannelInitializer<LocalChannel> connectionSide, Limits limits) {
        this.carrier = Objects.requireNonNull(streamCarrier, "carrier");
        // A server channel per pair: it accepts the bridge's connect, then it has done its job.
        ServerBootstrap pairing = new ServerBootstrap()
                .group(loop, loop)
                .channel(LocalServerChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, NettyTransport.waterMark(limits))
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE)
                .childHandler(connectionSide);
        pairing.bind(LocalAddress.ANY).addListener((ChannelFuture bound) -> {
            if (!bound.isSuccess()) {
                end(); // the transport is shutting down
                return;
            }
            new Bootstrap().group(loop).channel(LocalChannel.class).handler(new Bridge())
                    .connect(bound.channel().localAddress())
                    .addListener((ChannelFuture connected) -> {
                        bound.channel().close();
                        if (!connected.isSuccess()) {
                            end();
                        }
                    });
        });
    }

    /** Ends a tunnel that is refused before it starts (its listener is closed): the carrier is closed at once. */
    void refuse(TunnelCarrier streamCarrier) {
        this.carrier = streamCarrier;
        end();
    }

    /** The handler that stands first in the connection's pipeline, for this tunnel. */
    TunnelGate newGate() {
        return new TunnelGate(this);
    }

    @Override
    public void received(byte[] bytes) {
        if (!accepting) {
            return;
        }
        if (unread.addAndGet(bytes.length) > maxUnreadBytes) {
            cutOff();
            return;
        }
        ByteBuf copy = Unpooled.copiedBuffer(bytes); // the carrier may reuse its array
        if (!onLoop(() -> deliver(copy))) {
            copy.release();
        }
    }

    private void deliver(ByteBuf bytes) {
        if (cut) {
            bytes.release(); // nothing more reaches the connection
        } else if (bridge != null) {
            bridge.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else if (!ended.get()) {
            early.add(bytes); // the pair is still being made
        } else {
            bytes.release();
        }
    }

    /** The connection has read {@code bytes} of what the peer sent. */
    void consumed(int bytes) {
        unread.addAndGet(-bytes);
    }

    /** The peer sent more than the connection can hold unread: close, telling the local handler why. */
    private void cutOff() {
        cut = true;
        accepting = false;
        IOException reason = new IOException(peer + " sent more than " + maxUnreadBytes
                + " bytes that were not read yet: the tunnel is closed");
        if (!onLoop(() -> {
            if (gate != null) {
                gate.fail(reason);
            }
            closeBridge();
        })) {
            end();
        }
    }

    @Override
    public void closed() {
        if (!closedByPeer) {
            closedByPeer = true;
            close();
        }
    }

    /** Closes the stream from this side: the connection closes and the carrier hears it. */
    void close() {
        accepting = false;
        if (!onLoop(this::closeBridge)) {
            end();
        }
    }

    /** Whether the peer (or the carrier, having lost it) closed the stream. */
    boolean closedByPeer() {
        return closedByPeer;
    }

    private void closeBridge() {
        closeRequested = true;
        if (bridge != null) {
            bridge.close();
        }
    }

    @Override
    public void pauseSending() {
        onLoop(() -> paused = true);
    }

    @Override
    public void resumeSending() {
        onLoop(() -> {
            paused = false;
            if (gate != null) {
                gate.release();
            }
        });
    }

    /** Whether the carrier asked to pause; read on the loop by the gate. */
    boolean paused() {
        return paused;
    }

    /** The connection's channel has its gate (on the loop). */
    void attach(TunnelGate connectionGate) {
        this.gate = connectionGate;
    }

    private boolean onLoop(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException shutDown) {
            return false;
        }
    }

    /** The connection ended, either side: the carrier hears it once. */
    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        accepting = false;
        TunnelCarrier endedCarrier = carrier;
        try {
            if (endedCarrier != null) {
                endedCarrier.close();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the carrier of the tunnel with " + peer + " failed to close", e);
        } finally {
            whenEnded.run();
        }
    }

    /** The bridge: what the connection writes goes to the carrier, in chunks of one read loop. */
    private final class Bridge extends ChannelInboundHandlerAdapter {
        private ByteBuf chunk;

        @Override
        public void channelActive(ChannelHandlerContext context) {
            bridge = context.channel();
            while (!early.isEmpty()) {
                bridge.write(early.poll()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
            bridge.flush();
            if (closeRequested) {
                bridge.close();
            }
            context.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf bytes = (ByteBuf) message;
            if (!bytes.isReadable()) {
                bytes.release(); // TLS flushes empty buffers: a carrier has nothing to carry for them
                return;
            }
            if (chunk == null) {
                chunk = context.alloc().buffer(bytes.readableBytes());
            }
            chunk.writeBytes(bytes);
            bytes.release();
            if (chunk.readableBytes() >= MAX_CHUNK_BYTES) {
                send(context);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            send(context);
            context.fireChannelReadComplete();
        }

        private void send(ChannelHandlerContext context) {
            if (chunk == null) {
                return;
            }
            byte[] bytes = ByteBufUtil.getBytes(chunk);
            chunk.release();
            chunk = null;
            try {
                carrier.send(bytes);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the carrier of the tunnel with " + peer + " failed: closing it", e);
                context.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "the tunnel with " + peer + " failed", cause);
            context.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (chunk != null) {
                chunk.release();
                chunk = null;
            }
            while (!early.isEmpty()) {
                early.poll().release();
            }
            end();
            context.fireChannelInactive();
        }
    }
}
