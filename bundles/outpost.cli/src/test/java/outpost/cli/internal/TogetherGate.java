package outpost.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * One loopback port in front of each of several agents, forwarding nothing until every port has a
 * connection: a client that connects to them one at a time, waiting for each to answer, never gets
 * an answer, while one that connects to all at once gets every answer.
 */
final class TogetherGate implements AutoCloseable {

    private final List<ServerSocket> fronts = new ArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch allConnected;

    TogetherGate(List<Integer> targets) throws IOException {
        allConnected = new CountDownLatch(targets.size());
        for (int target : targets) {
            ServerSocket front = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            fronts.add(front);
            daemon(() -> forwardFirst(front, target));
        }
    }

    /** The ports that stand in for the agents', in the order of the targets. */
    List<Integer> ports() {
        return fronts.stream().map(ServerSocket::getLocalPort).toList();
    }

    private void forwardFirst(ServerSocket front, int target) {
        try {
            Socket client = front.accept();
            sockets.add(client);
            allConnected.countDown();
            allConnected.await();
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(upstream);
            daemon(() -> pipe(client, upstream));
            pipe(upstream, client);
        } catch (IOException e) {
            // closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side closed
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "test-gate");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket front : fronts) {
            front.close();
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
