package outpost.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP forwarder on loopback to a local port. {@link #cut()} drops every connection through it, as a
 * lost network does (the peers get no goodbye: an MQTT broker then publishes the client's last
 * will); {@link #freeze()} forwards nothing more but closes nothing, as when a host or its network
 * dies (the broker must wait for the keep-alive); {@link #close()} also stops accepting, so a client
 * that reconnects finds nobody.
 */
public final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean frozen;

    public LoopbackProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port clients connect to instead of the target's. */
    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    holdIfFrozen();
                    out.write(buffer, 0, n);
                }
            } catch (IOException | InterruptedException e) {
                // cut
            }
        }, "test-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private void holdIfFrozen() throws InterruptedException {
        if (frozen) {
            closed.await(); // silent, sockets open, until the proxy is closed
        }
    }

    /** Forwards nothing more, either way, and accepts no new connection, but closes nothing: the peers hear silence. */
    public void freeze() throws IOException {
        frozen = true;
        server.close();
    }

    /** Closes every forwarded connection and keeps accepting new ones. */
    public void cut() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        closed.countDown();
        cut();
    }
}
