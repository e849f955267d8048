package outpost.transport;

import java.io.IOException;

/**
 * Opens framed, optionally TLS-protected message connections with keepalive and bounded queues:
 * listeners on the agent side, outgoing connections on the client side. Offered as an OSGi
 * service; the implementation owns its threads.
 */
public interface Transport {

    /**
     * Binds a listener. Each accepted connection is handed to {@code acceptor}, which returns the
     * handler of its incoming messages.
     *
     * @throws IOException when the address cannot be bound; the message names the address
     */
    Listener listen(ListenerSettings settings, ConnectionAcceptor acceptor) throws IOException;

    /**
     * Connects and, with TLS, completes the handshake (including the certificate check) before
     * returning. Blocks: never call it on a UI or event-loop thread.
     */
    Connection connect(ConnectSettings settings, MessageHandler handler) throws IOException;

    /**
     * Serves connections that arrive as tunnelled byte streams (through a message broker) exactly as
     * {@link #listen} serves sockets: same TLS, frames, limits and acceptor.
     *
     * @throws java.io.UncheckedIOException when TLS cannot be set up with the settings' identity
     */
    TunnelListener listenTunnels(TunnelListenerSettings settings, ConnectionAcceptor acceptor);

    /**
     * Connects over a tunnelled byte stream that {@code opener} opens and, with TLS, completes the
     * handshake (including the certificate check) before returning, as {@link #connect} does.
     * {@code settings}' host names the peer in messages and TLS; its port is not used. Blocks: never
     * call it on a UI or event-loop thread. The handshake must complete within the settings' connect
     * timeout (a {@link java.net.SocketTimeoutException} otherwise: a tunnel has no connect of its own
     * to time out); an {@link IOException} from {@code opener} is thrown as it is.
     */
    Connection connectTunnel(ConnectSettings settings, TunnelOpener opener, MessageHandler handler) throws IOException;
}
