package outpost.transport;

import java.net.InetSocketAddress;

/** A bound listening socket; closing it stops accepting but leaves accepted connections open. */
public interface Listener extends AutoCloseable {

    InetSocketAddress localAddress();

    @Override
    void close();
}
