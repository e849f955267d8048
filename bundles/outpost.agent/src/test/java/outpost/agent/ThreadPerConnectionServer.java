package outpost.agent;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The benchmarks' floors: a blocking server with one thread per connection, each served by {@link #serve}. */
abstract class ThreadPerConnectionServer implements AutoCloseable {

    final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    ThreadPerConnectionServer(ServerSocket socket) {
        this.socket = socket;
        threads.execute(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                threads.execute(() -> {
                    try (connection) {
                        serve(connection);
                    } catch (IOException e) {
                        // client gone
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Serves one connection until the peer leaves (then throws or returns); the connection is closed after. */
    abstract void serve(Socket connection) throws IOException;

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
