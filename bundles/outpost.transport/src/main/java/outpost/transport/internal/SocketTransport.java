package outpost.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import outpost.protocol.FrameCodec;
import outpost.transport.Connection;
import outpost.transport.ConnectionAcceptor;
import outpost.transport.Listener;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;

/**
 * Transport over plain TCP sockets with blocking I/O: one reader thread per connection and one
 * accept thread per listener, all from this component's executor.
 */
@Component(service = Transport.class)
public final class SocketTransport implements Transport {

    private final ExecutorService executor;
    private final FrameCodec codec = new FrameCodec();

    @Activate
    public SocketTransport() {
        this.executor = Executors.newCachedThreadPool(namedDaemonThreads("outpost-transport"));
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    @Override
    public Listener listen(InetSocketAddress address, ConnectionAcceptor acceptor) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(address, 128);
        } catch (IOException e) {
            serverSocket.close();
            throw new IOException("cannot listen on " + describe(address) + ": " + e.getMessage(), e);
        }
        SocketListener listener = new SocketListener(serverSocket, acceptor, codec, executor);
        executor.execute(listener::acceptLoop);
        return listener;
    }

    @Override
    public Connection connect(String host, int port, Duration timeout, MessageHandler handler) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        SocketConnection connection = new SocketConnection(socket, codec);
        connection.start(handler, executor);
        return connection;
    }

    /** "host:port" with the numeric address where there is one, as users type it. */
    static String describe(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return host + ":" + address.getPort();
    }

    static ThreadFactory namedDaemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
