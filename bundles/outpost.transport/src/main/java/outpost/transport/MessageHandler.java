package outpost.transport;

import outpost.protocol.Message;

/**
 * Receives the messages of one connection, in order, on the connection's event-loop thread: do not
 * block in these methods. Keepalive pings and pongs are answered by the transport and not passed on.
 */
public interface MessageHandler {

    void received(Connection connection, Message message);

    /**
     * The connection is closed. {@code cause} is null for a clean close (either side), otherwise it
     * says what went wrong (peer vanished, idle timeout, protocol error, fatal error report from the peer).
     */
    void closed(Connection connection, Throwable cause);
}
