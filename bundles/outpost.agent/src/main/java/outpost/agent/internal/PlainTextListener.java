package outpost.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * The plain-text dialect's port: requests in, as lines or as the original clients' bare commands
 * (at most the configured length, then an error and the connection closes), text answers out. One event-loop thread of its own, only while it listens.
 */
final class PlainTextListener implements AutoCloseable {

    private final EventLoopGroup loop;
    private final Channel serverChannel;
    private final PlainTextServices services;

    private PlainTextListener(EventLoopGroup loop, Channel serverChannel, PlainTextServices services) {
        this.loop = loop;
        this.serverChannel = serverChannel;
        this.services = services;
    }

    static PlainTextListener open(PlainTextServices services) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread thread = new Thread(runnable, "outpost-plain-text-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
        int maxLine = services.settings().maxLineLength();
        long idleSeconds = services.settings().idleTimeout().toSeconds();
        ServerBootstrap bootstrap = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS),
                                new PlainTextRequestDecoder(maxLine), new StringEncoder(StandardCharsets.UTF_8),
                                new PlainTextSession(services));
                    }
                });
        InetSocketAddress address = services.settings().address();
        try {
            Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
            return new PlainTextListener(loop, channel, services);
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("plain-text port: cannot listen on " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    List<AgentRuntime.Client> clients() {
        return services.sessions().stream().map(PlainTextSession::describe).toList();
    }

    /** Stops listening and closes every plain-text connection. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        services.sessions().clear();
    }
}
