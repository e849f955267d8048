package outpost.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

import outpost.protocol.Message;

/** One open, framed, bidirectional connection. Safe for concurrent senders. */
public interface Connection extends AutoCloseable {

    void send(Message message) throws IOException;

    boolean isOpen();

    InetSocketAddress remoteAddress();

    /** Closes the connection; the handler hears {@link MessageHandler#closed} once. Idempotent. */
    @Override
    void close();
}
