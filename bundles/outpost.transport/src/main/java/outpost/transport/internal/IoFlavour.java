package outpost.transport.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Which Netty I/O the transport uses: epoll on Linux, where its native library loads (fewer system
 * calls and less work per read and write than the JDK's selector), NIO everywhere else. The
 * system property {@value #PROPERTY}{@code =nio} forces NIO, to compare the two.
 */
record IoFlavour(String name, IoHandlerFactory handlers, Class<? extends ServerChannel> serverChannel,
        Class<? extends SocketChannel> socketChannel) {

    static final String PROPERTY = "outpost.transport.io";

    private static final System.Logger LOG = System.getLogger(IoFlavour.class.getName());

    static IoFlavour detect() {
        if (!"nio".equals(System.getProperty(PROPERTY)) && epollAvailable()) {
            return new IoFlavour("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class);
        }
        return new IoFlavour("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }

    private static boolean epollAvailable() {
        try {
            if (Epoll.isAvailable()) {
                return true;
            }
            if (System.getProperty("os.name", "").startsWith("Linux")) {
                LOG.log(System.Logger.Level.DEBUG, "epoll unavailable, using NIO: " + Epoll.unavailabilityCause());
            }
        } catch (LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "epoll classes unavailable, using NIO: " + e);
        }
        return false;
    }
}
