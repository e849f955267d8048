package outpost.transport;

import java.net.InetSocketAddress;

/** A bound listening socket; closing it stops accepting but leaves accepted connections open. */
public interface Listener extends AutoCloseable {

    InetSocketAddress localAddress();

    /** Connections accepted by this listener and still open. */
    int connectionCount();

    @Override
    void close();
}
