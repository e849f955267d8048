package outpost.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Opens framed message connections: listeners on the agent side, outgoing connections on the client
 * side. Offered as an OSGi service; implementations own their threads.
 */
public interface Transport {

    /**
     * Binds a listener. Each accepted connection is handed to {@code acceptor}, which returns the
     * handler of its incoming messages.
     */
    Listener listen(InetSocketAddress address, ConnectionAcceptor acceptor) throws IOException;

    /** Connects to a listener; messages from the peer go to {@code handler}. */
    Connection connect(String host, int port, Duration timeout, MessageHandler handler) throws IOException;
}
