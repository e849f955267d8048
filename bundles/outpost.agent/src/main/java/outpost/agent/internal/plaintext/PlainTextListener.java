package outpost.agent.internal.plaintext;

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
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import outpost.agent.internal.AgentRuntime;

/**
 * The plain-text dialect's port: requests in, as lines or as the original clients' bare commands
 * (at most the configured length, then an error and the connection closes), text answers out. One event-loop thread of its own, only while it listens.
 */
public final class PlainTextListener implements AutoCloseable {

    private final EventLoopGroup loop;
    private final Channel serverChannel;
    private final PlainTextServices services;

    private PlainTextListener(EventLoopGroup loop, Channel serverChannel, PlainTextServices services) {
        this.loop = loop;
        this.serverChannel = serverChannel;
        this.services = services;
    }

    public static PlainTextListener open(PlainTextServices services) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        PlainTextIo io = PlainTextIo.detect();
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread thread = new Thread(runnable, "outpost-plain-text-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, io.handlers());
        int maxLine = services.settings().maxLineLength();
        long idleSeconds = services.settings().idleTimeout().toSeconds();
        ServerBootstrap bootstrap = new ServerBootstrap().group(loop).channel(io.serverChannel())
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

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public List<AgentRuntime.Client> clients() {
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
