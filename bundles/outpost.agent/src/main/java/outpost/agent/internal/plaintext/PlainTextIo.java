package outpost.agent.internal.plaintext;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The plain-text port's Netty I/O, chosen as the framed port's transport chooses its own: epoll
 * where its native library loads (Linux; a connection per request costs less there), NIO
 * elsewhere, or wherever {@value #PROPERTY}{@code =nio} asks for it.
 */
record PlainTextIo(String name, IoHandlerFactory handlers, Class<? extends ServerChannel> serverChannel) {

    static final String PROPERTY = "outpost.transport.io";

    static PlainTextIo detect() {
        if (!"nio".equals(System.getProperty(PROPERTY)) && epollLoads()) {
            return new PlainTextIo("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new PlainTextIo("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    private static boolean epollLoads() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false; // the epoll classes are missing (not a Linux product): NIO
        }
    }
}
