package outpost.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.FrameCodec;
import outpost.transport.Connection;
import outpost.transport.ConnectionAcceptor;
import outpost.transport.ConnectSettings;
import outpost.transport.Limits;
import outpost.transport.Listener;
import outpost.transport.ListenerSettings;
import outpost.transport.MessageHandler;
import outpost.transport.TlsEngines;
import outpost.transport.Transport;

/**
 * The transport on Netty (epoll on Linux, NIO elsewhere: {@link IoFlavour}): TLS 1.3 on BoringSSL
 * or JSSE ({@link TlsEngines}), frames checked before they are buffered, keepalive from idle-state events, a high-water
 * mark on every outbound queue. One event-loop group per component, created on activation and shut
 * down on deactivation.
 */
@Component(service = Transport.class)
public final class NettyTransport implements Transport {

    private static final String[] TLS_PROTOCOLS = { "TLSv1.3" };

    private final IoFlavour io;
    private final EventLoopGroup eventLoops;
    /** Made on the first TLS connect with each engine: agents, which only listen, never build them. */
    private volatile ClientTls nativeClientTls;
    private volatile ClientTls jdkClientTls;

    @Activate
    public NettyTransport() {
        io = IoFlavour.detect();
        eventLoops = new MultiThreadIoEventLoopGroup(2, daemonThreads("outpost-transport"), io.handlers());
    }

    @Deactivate
    public void deactivate() {
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public Listener listen(ListenerSettings settings, ConnectionAcceptor acceptor) throws IOException {
        ServerTls ssl = settings.tls().isPresent()
                ? ServerTls.create(settings.tls().get(), TLS_PROTOCOLS, TlsEngines.select(settings.tlsEngine()))
                : null;
        Limits limits = settings.limits();
        FrameCodec codec = new FrameCodec(limits.maxFrameBytes());
        AtomicInteger open = new AtomicInteger();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(io.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 128)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(limits))
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        NettyConnection connection = new NettyConnection(channel, limits.maxQueuedBytes());
                        if (ssl != null) {
                            channel.pipeline().addLast(ssl.newHandler(channel));
                        }
                        addFraming(channel.pipeline(), codec, limits, connection);
                        if (open.incrementAndGet() > settings.maxConnections()) {
                            connection.setHandler(new RefusedConnection());
                            connection.refuseWhenActive(ErrorReport.fatal(ErrorCode.TOO_MANY_CONNECTIONS,
                                    "the agent serves " + settings.maxConnections() + " connections already; try again later"));
                        } else {
                            connection.setHandler(acceptor.accepted(connection));
                        }
                        channel.closeFuture().addListener(future -> open.decrementAndGet());
                    }
                });
        try {
            Channel server = bootstrap.bind(settings.address()).syncUninterruptibly().channel();
            return new NettyListener(server, open);
        } catch (Exception e) {
            throw new IOException("cannot listen on " + describe(settings.address()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Connection connect(ConnectSettings settings, MessageHandler handler) throws IOException {
        ClientTls tls = settings.tls().isPresent() ? clientTls(TlsEngines.select(settings.tlsEngine()).isNative()) : null;
        Limits limits = settings.limits();
        FrameCodec codec = new FrameCodec(limits.maxFrameBytes());
        NettyConnection[] created = new NettyConnection[1];
        SslHandler[] tlsHandler = new SslHandler[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(eventLoops)
                .channel(io.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(settings.connectTimeout().toMillis()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(limits))
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        NettyConnection connection = new NettyConnection(channel, limits.maxQueuedBytes());
                        connection.setHandler(handler);
                        created[0] = connection;
                        if (tls != null) {
                            tlsHandler[0] = tls.newHandler(channel, settings.host(), settings.port(), settings.tls().get());
                            channel.pipeline().addLast(tlsHandler[0]);
                        }
                        addFraming(channel.pipeline(), codec, limits, connection);
                    }
                });
        ChannelFuture connected = bootstrap.connect(settings.host(), settings.port()).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            throw asIOException(connected.cause());
        }
        // The handler as made, not looked up in the pipeline: a handshake that failed fast (a refused
        // certificate) has closed the channel, and a closed channel's pipeline is emptied, so a lookup
        // could find no TLS handler and take the connection for a plain one.
        SslHandler sslHandler = tlsHandler[0];
        if (tls != null) {
            io.netty.util.concurrent.Future<Channel> handshake = sslHandler.handshakeFuture().awaitUninterruptibly();
            if (!handshake.isSuccess()) {
                connected.channel().close();
                throw asIOException(handshake.cause());
            }
            try {
                tls.checkIfResumed(sslHandler);
            } catch (IOException refused) {
                connected.channel().close();
                throw refused;
            }
        }
        return created[0];
    }

    private static void addFraming(ChannelPipeline pipeline, FrameCodec codec, Limits limits, NettyConnection connection) {
        // Writes made while a read is handled (an answer's OUTPUT and RESULT) go out in one flush. Behind
        // the TLS handler, not before it: TLS encrypts at each flush, so this makes one record of them.
        pipeline.addLast("flushes", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        pipeline.addLast("frames", new FrameDecoder(codec));
        // After the decoder: only whole frames count as life, so a peer trickling bytes times out.
        pipeline.addLast("idle", new IdleStateHandler(limits.idleTimeout().toMillis(), limits.keepaliveInterval().toMillis(),
                0, TimeUnit.MILLISECONDS));
        pipeline.addLast("encoder", new FrameEncoder(codec));
        pipeline.addLast("connection", connection);
    }

    private static WriteBufferWaterMark waterMark(Limits limits) {
        return new WriteBufferWaterMark(limits.maxQueuedBytes() / 2, limits.maxQueuedBytes());
    }

    private ClientTls clientTls(boolean onNative) throws IOException {
        ClientTls tls = onNative ? nativeClientTls : jdkClientTls;
        if (tls == null) {
            synchronized (this) {
                tls = onNative ? nativeClientTls : jdkClientTls;
                if (tls == null) {
                    try {
                        tls = new ClientTls(TLS_PROTOCOLS, onNative ? TlsGroups.nativeGroups(TlsGroups.OFFER_HYBRID) : null);
                    } catch (SSLException e) {
                        throw new IOException("cannot set up TLS: " + e.getMessage(), e);
                    }
                    if (onNative) {
                        nativeClientTls = tls;
                    } else {
                        jdkClientTls = tls;
                    }
                }
            }
        }
        return tls;
    }

    /** How many TLS connections resumed an earlier session (for tests and benchmarks). */
    public long resumedTlsSessions() {
        ClientTls onNative = nativeClientTls;
        ClientTls onJdk = jdkClientTls;
        return (onNative == null ? 0 : onNative.resumedCount()) + (onJdk == null ? 0 : onJdk.resumedCount());
    }

    /** Causes as users should read them: the certificate check's own words, timeouts as timeouts. */
    private static IOException asIOException(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateException refused) {
                return new SSLHandshakeException(refused.getMessage());
            }
        }
        if (cause instanceof ConnectTimeoutException) {
            return new SocketTimeoutException(cause.getMessage());
        }
        return cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }

    /** An address as messages show it: {@code 127.0.0.1:5005}, {@code [::1]:5005}, or {@code name:5005} unresolved. */
    static String describe(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Handler of a connection refused for the connection limit: it only waits for the close. */
    private static final class RefusedConnection implements MessageHandler {
        @Override
        public void received(Connection connection, outpost.protocol.Message message) {
            // refused: nothing is served
        }

        @Override
        public void closed(Connection connection, Throwable cause) {
            // nothing to release
        }
    }
}
