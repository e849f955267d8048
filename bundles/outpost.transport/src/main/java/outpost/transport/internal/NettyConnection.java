package outpost.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Message;
import outpost.protocol.Ping;
import outpost.protocol.Pong;
import outpost.protocol.ProtocolException;
import outpost.transport.Connection;
import outpost.transport.MessageHandler;
import outpost.transport.PeerError;

/**
 * A connection over a Netty channel, and the last handler of its pipeline: answers keepalives,
 * turns idleness, protocol errors and full queues into a clean close with a reason, and passes
 * everything else to the {@link MessageHandler}.
 */
final class NettyConnection extends ChannelInboundHandlerAdapter implements Connection {

    private static final System.Logger LOG = System.getLogger(NettyConnection.class.getName());

    private final Channel channel;
    private final int maxQueuedBytes;
    private final AtomicBoolean closedNotified = new AtomicBoolean();
    private final AtomicLong nextPing = new AtomicLong();
    private final Object writability = new Object();
    /** Round trips being measured, by the nonce of their PING; keepalive PINGs are not in it. */
    private final Map<Long, RoundTrip> roundTrips = new ConcurrentHashMap<>();
    private volatile MessageHandler handler;
    private volatile Throwable closeCause;
    private volatile ErrorReport refusal;
    /** Who is at the far end of a tunnelled connection; null for a socket, which its address names. */
    private final String tunnelPeer;

    /** A connection over a socket. */
    NettyConnection(Channel channel, int maxQueuedBytes) {
        this(channel, maxQueuedBytes, null);
    }

    /** A connection over a tunnelled stream from {@code tunnelPeer}, or over a socket when it is null. */
    NettyConnection(Channel channel, int maxQueuedBytes, String tunnelPeer) {
        this.channel = channel;
        this.maxQueuedBytes = maxQueuedBytes;
        this.tunnelPeer = tunnelPeer;
    }

    void setHandler(MessageHandler messageHandler) {
        this.handler = messageHandler;
    }

    /** Refuses the connection as soon as it is active: the report is sent, then the channel closed. */
    void refuseWhenActive(ErrorReport reason) {
        this.refusal = reason;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        ErrorReport reason = refusal;
        if (reason != null) {
            close(reason);
        }
        super.channelActive(context);
    }

    @Override
    public void send(Message message) throws IOException {
        if (!channel.isActive()) {
            throw new ClosedChannelException();
        }
        // Netty counts queued bytes against the high-water mark; past it the peer is not reading.
        if (!channel.isWritable() && channel.unsafe().outboundBuffer() != null
                && channel.unsafe().outboundBuffer().totalPendingWriteBytes() >= maxQueuedBytes) {
            fail(new ProtocolException(ErrorCode.SLOW_READER, "the peer does not read: " + maxQueuedBytes
                    + " bytes are queued for it"));
            throw new IOException("connection to " + peerName() + " closed: the peer does not read");
        }
        channel.writeAndFlush(message).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public boolean awaitWritable(Duration timeout) throws InterruptedException {
        if (channel.isWritable() || !channel.isActive() || channel.eventLoop().inEventLoop()) {
            return channel.isWritable();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (writability) {
            // checked under the lock the event loop notifies with, so a change cannot slip between check and wait
            while (!channel.isWritable() && channel.isActive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(writability, left);
            }
        }
        return channel.isWritable();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        wakeWriters();
        super.channelWritabilityChanged(context);
    }

    private void wakeWriters() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public CompletableFuture<Duration> roundTrip() {
        long nonce = nextPing.incrementAndGet();
        RoundTrip measured = new RoundTrip(System.nanoTime(), new CompletableFuture<>());
        roundTrips.put(nonce, measured);
        if (!channel.isActive()) {
            failRoundTrips();
            return measured.done();
        }
        channel.writeAndFlush(new Ping(nonce)).addListener(written -> {
            if (!written.isSuccess() && roundTrips.remove(nonce) != null) {
                measured.done().completeExceptionally(new IOException("the ping to " + remoteAddress() + " was not sent: "
                        + written.cause().getMessage(), written.cause()));
            }
        });
        if (!channel.isActive()) { // closed between the check and the put: channelInactive may have run already
            failRoundTrips();
        }
        return measured.done();
    }

    private void failRoundTrips() {
        for (Long nonce : roundTrips.keySet()) {
            RoundTrip waiting = roundTrips.remove(nonce);
            if (waiting != null) {
                waiting.done().completeExceptionally(new ClosedChannelException());
            }
        }
    }

    /** A PING sent to measure, and when. */
    private record RoundTrip(long sentNanos, CompletableFuture<Duration> done) {
    }

    @Override
    public InetSocketAddress remoteAddress() {
        // a tunnel's channel is a local one, whose address means nothing outside this JVM
        return tunnelPeer != null ? InetSocketAddress.createUnresolved(tunnelPeer, 0) : (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public String peerName() {
        if (tunnelPeer != null) {
            return tunnelPeer;
        }
        InetSocketAddress address = remoteAddress();
        return address == null ? "an unconnected socket" : NettyTransport.describe(address);
    }

    @Override
    public Optional<X509Certificate> peerCertificate() {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate certificate ? Optional.of(certificate)
                    : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close(ErrorReport reason) {
        if (closeCause == null) {
            closeCause = new ProtocolException(reason.code(), reason.message());
        }
        if (channel.isActive()) {
            channel.writeAndFlush(reason).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof Ping ping) {
            context.writeAndFlush(new Pong(ping.nonce()));
        } else if (message instanceof Pong pong) {
            // the idle timer was reset by the read itself; a measured round trip ends here
            RoundTrip measured = roundTrips.remove(pong.nonce());
            if (measured != null) {
                measured.done().complete(Duration.ofNanos(System.nanoTime() - measured.sentNanos()));
            }
        } else if (message instanceof ErrorReport report && report.isFatal()) {
            closeCause = new PeerError(report);
            context.close();
        } else {
            handler.received(this, (Message) message);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                context.writeAndFlush(new Ping(nextPing.incrementAndGet()));
            } else if (idle.state() == IdleState.READER_IDLE) {
                fail(new ProtocolException(ErrorCode.IDLE_TIMEOUT, "nothing heard from " + peerName()
                        + " within the idle timeout: the peer is gone or the network is down"));
            }
        } else if (event instanceof SslCloseCompletionEvent closeNotify && closeNotify.isSuccess()) {
            // The peer's TLS close_notify: it sends nothing more, so close, which answers with ours.
            context.close();
        } else {
            super.userEventTriggered(context, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (reason instanceof ProtocolException protocolError) {
            fail(protocolError);
        } else {
            if (closeCause == null) {
                closeCause = reason;
            }
            LOG.log(System.Logger.Level.DEBUG, "connection " + peerName() + " failed", reason);
            context.close();
        }
    }

    /** Tells the peer why (when the connection can still carry it), then closes. */
    private void fail(ProtocolException error) {
        if (closeCause == null) {
            closeCause = error;
        }
        if (channel.isActive() && error.code() != ErrorCode.SLOW_READER) {
            channel.writeAndFlush(ErrorReport.fatal(error.code(), error.getMessage())).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        wakeWriters();
        failRoundTrips();
        if (closedNotified.compareAndSet(false, true) && handler != null) {
            handler.closed(this, closeCause);
        }
    }
}
