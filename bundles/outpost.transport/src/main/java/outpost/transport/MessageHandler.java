package outpost.transport;

import outpost.protocol.Message;

/** Receives the messages of one connection, in order, on that connection's reader thread. */
public interface MessageHandler {

    void received(Connection connection, Message message);

    /**
     * The connection is closed. {@code cause} is null for a clean close (either side), otherwise it
     * says what went wrong (peer vanished, protocol error).
     */
    void closed(Connection connection, Throwable cause);
}
