package outpost.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import outpost.protocol.FrameCodec;
import outpost.transport.ConnectionAcceptor;
import outpost.transport.Listener;

/** Accepts connections until closed; each accepted socket gets its own reader. */
final class SocketListener implements Listener {

    private static final System.Logger LOG = System.getLogger(SocketListener.class.getName());

    private final ServerSocket serverSocket;
    private final ConnectionAcceptor acceptor;
    private final FrameCodec codec;
    private final Executor executor;

    SocketListener(ServerSocket serverSocket, ConnectionAcceptor acceptor, FrameCodec codec, Executor executor) {
        this.serverSocket = serverSocket;
        this.acceptor = acceptor;
        this.codec = codec;
        this.executor = executor;
    }

    void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed on " + localAddress(), e);
                }
                continue;
            }
            SocketConnection connection = new SocketConnection(socket, codec);
            try {
                connection.start(acceptor.accepted(connection), executor);
            } catch (RejectedExecutionException e) {
                connection.close();
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing listener", e);
        }
    }
}
