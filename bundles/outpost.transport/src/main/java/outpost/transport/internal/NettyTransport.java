package outpost.transport.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.NetUtil;
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
import outpost.transport.TunnelCarrier;
import outpost.transport.TunnelListener;
import outpost.transport.TunnelListenerSettings;
import outpost.transport.TunnelOpener;

/**
 * The transport on Netty (epoll on Linux, NIO elsewhere: {@link IoFlavour}): TLS 1.3 on BoringSSL
 * or JSSE ({@link TlsEngines}), frames checked before they are buffered, keepalive from idle-state events, a high-water
 * mark on every outbound queue. Tunnelled connections (broker mode) run the same pipelines over local
 * channels ({@link TunnelEnd}). The event-loop groups are the component's, created on activation and
 * shut down on deactivation.
 */
@Component(service = Transport.class)
public final class NettyTransport implements Transport {

    static final String[] TLS_PROTOCOLS = { "TLSv1.3" };

    private final IoFlavour io;
    private final EventLoopGroup eventLoops;
    /** Tunnelled connections run on local channels, which need event loops of their own kind. */
    private final EventLoopGroup tunnelLoops;
    /** Made on the first TLS connect with each engine: agents, which only listen, never build them. */
    private volatile ClientTls nativeClientTls;
    private volatile ClientTls jdkClientTls;

    @Activate
    public NettyTransport() {
        io = IoFlavour.detect();
        eventLoops = new MultiThreadIoEventLoopGroup(2, daemonThreads("outpost-transport"), io.handlers());
        // threads start with the first tunnel: a console that never uses a broker never has them
        tunnelLoops = new MultiThreadIoEventLoopGroup(2, daemonThreads("outpost-tunnel"), LocalIoHandler.newFactory());
    }

    @Deactivate
    public void deactivate() {
        io.netty.util.concurrent.Future<?> tunnelsDown = tunnelLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        tunnelsDown.syncUninterruptibly();
    }

    @Override
    public Listener listen(ListenerSettings settings, ConnectionAcceptor acceptor) throws IOException {
        ServingPipeline serving = ServingPipeline.create(settings.tls(), settings.tlsEngine(), settings.limits(),
                settings.maxConnections(), acceptor);
        Limits limits = settings.limits();
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
                        serving.serve(channel, null);
                    }
                });
        try {
            Channel server = bootstrap.bind(settings.address()).syncUninterruptibly().channel();
            return new NettyListener(server, serving);
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
                        created[0] = new NettyConnection(channel, limits.maxQueuedBytes());
                        tlsHandler[0] = initClient(channel, tls, settings, codec, created[0], handler);
                    }
                });
        ChannelFuture connected = bootstrap.connect(settings.host(), settings.port()).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            throw asIOException(connected.cause());
        }
        // The handler as made, not looked up in the pipeline: a handshake that failed fast (a refused
        // certificate) has closed the channel, and a closed channel's pipeline is emptied, so a lookup
        // could find no TLS handler and take the connection for a plain one.
        if (tls != null) {
            io.netty.util.concurrent.Future<Channel> handshake = tlsHandler[0].handshakeFuture().awaitUninterruptibly();
            checkHandshake(tls, tlsHandler[0], handshake, created[0]);
        }
        return created[0];
    }

    /** Sets up a client connection's pipeline; returns its TLS handler, or null without TLS. */
    private static SslHandler initClient(Channel channel, ClientTls tls, ConnectSettings settings, FrameCodec codec,
            NettyConnection connection, MessageHandler handler) {
        connection.setHandler(handler);
        SslHandler tlsHandler = null;
        if (tls != null) {
            tlsHandler = tls.newHandler(channel, settings.host(), settings.port(), settings.tls().get());
            channel.pipeline().addLast(tlsHandler);
            TlsFailureProbe.addBehind(channel.pipeline(), tlsHandler);
        }
        addFraming(channel.pipeline(), codec, settings.limits(), connection);
        return tlsHandler;
    }

    /** After the handshake ended: closes the connection and throws when it failed or its certificate check refuses. */
    private static void checkHandshake(ClientTls tls, SslHandler tlsHandler, io.netty.util.concurrent.Future<Channel> handshake,
            NettyConnection connection) throws IOException {
        if (!handshake.isSuccess()) {
            connection.close();
            throw asIOException(handshake.cause());
        }
        try {
            tls.checkIfResumed(tlsHandler);
        } catch (IOException refused) {
            connection.close();
            throw refused;
        }
    }

    @Override
    public TunnelListener listenTunnels(TunnelListenerSettings settings, ConnectionAcceptor acceptor) {
        try {
            return new NettyTunnelListener(tunnelLoops, ServingPipeline.create(settings.tls(), settings.tlsEngine(),
                    settings.limits(), settings.maxConnections(), acceptor));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public Connection connectTunnel(ConnectSettings settings, TunnelOpener opener, MessageHandler handler) throws IOException {
        ClientTls tls = settings.tls().isPresent() ? clientTls(TlsEngines.select(settings.tlsEngine()).isNative()) : null;
        Limits limits = settings.limits();
        FrameCodec codec = new FrameCodec(limits.maxFrameBytes());
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        TunnelEnd tunnel = new TunnelEnd(tunnelLoops.next(), settings.host(), limits.maxQueuedBytes());
        CompletableFuture<NettyConnection> created = new CompletableFuture<>();
        SslHandler[] tlsHandler = new SslHandler[1];
        tunnel.whenEnded(() -> created.completeExceptionally(new IOException("the tunnel to " + settings.host() + " closed")));
        TunnelCarrier carrier = Objects.requireNonNull(opener.open(tunnel), "the opener made no carrier");
        tunnel.start(carrier, new ChannelInitializer<LocalChannel>() {
            @Override
            protected void initChannel(LocalChannel channel) {
                channel.pipeline().addLast("tunnel", tunnel.newGate());
                NettyConnection connection = new NettyConnection(channel, limits.maxQueuedBytes(), settings.host());
                tlsHandler[0] = initClient(channel, tls, settings, codec, connection, handler);
                created.complete(connection);
            }
        }, limits);
        NettyConnection connection;
        try {
            connection = created.get(settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException ended) {
            throw tunnelClosed(settings, tunnel, ended.getCause());
        } catch (TimeoutException e) {
            tunnel.close();
            throw new SocketTimeoutException("the tunnel to " + settings.host() + " did not open within " + settings.connectTimeout());
        } catch (InterruptedException e) {
            tunnel.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the tunnel to " + settings.host() + " opened");
        }
        if (tls != null) {
            // Bounded, unlike over a socket: a broker that drops everything would otherwise hold this call until the idle timeout.
            io.netty.util.concurrent.Future<Channel> handshake = tlsHandler[0].handshakeFuture();
            if (!handshake.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                connection.close();
                throw new SocketTimeoutException("no TLS handshake with " + settings.host() + " through the tunnel within "
                        + settings.connectTimeout());
            }
            if (!handshake.isSuccess() && tunnel.closedByPeer() && refusal(handshake.cause()) == null) {
                throw tunnelClosed(settings, tunnel, handshake.cause());
            }
            checkHandshake(tls, tlsHandler[0], handshake, connection);
        }
        return connection;
    }

    private static IOException tunnelClosed(ConnectSettings settings, TunnelEnd tunnel, Throwable cause) {
        tunnel.close();
        return new IOException("the tunnel to " + settings.host() + " closed before the session began", cause);
    }

    /** The certificate check's refusal among the causes of a failed handshake, or null. */
    private static CertificateException refusal(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateException refused) {
                return refused;
            }
        }
        return null;
    }

    static void addFraming(ChannelPipeline pipeline, FrameCodec codec, Limits limits, NettyConnection connection) {
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

    /**
     * Unwritable from half of {@code maxQueuedBytes}, not from all of it: a producer that waits for
     * writability then stays a frame or so above the mark, below the slow-reader limit. With the mark at
     * the limit, the few bytes TLS adds while the producer's check turned into its send could push the
     * queue over both at once and cut off a producer that did wait (likely behind a paused tunnel, whose
     * queue sits at the mark).
     */
    static WriteBufferWaterMark waterMark(Limits limits) {
        return new WriteBufferWaterMark(limits.maxQueuedBytes() / 4, limits.maxQueuedBytes() / 2);
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
        CertificateException refused = refusal(cause);
        if (refused != null) {
            return new SSLHandshakeException(refused.getMessage());
        }
        if (cause instanceof ConnectTimeoutException) {
            return new SocketTimeoutException(cause.getMessage());
        }
        return cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }

    /** An address as messages show it: {@code 127.0.0.1:5005}, {@code [::1]:5005}, or {@code name:5005} unresolved. */
    static String describe(InetSocketAddress address) {
        // Netty's form is RFC 5952's (::1, not the JDK's 0:0:0:0:0:0:0:1)
        String host = address.getAddress() == null ? address.getHostString() : NetUtil.toAddressString(address.getAddress());
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
}
