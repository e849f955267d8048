package outpost.transport;

/** Serves connections that arrive as tunnelled byte streams, as a {@link Listener} serves sockets. */
public interface TunnelListener extends AutoCloseable {

    /**
     * Starts serving a new stream: TLS (server side) and frames run over it, and the listener's
     * acceptor gets the connection, whose {@link Connection#peerName()} is {@code peer}.
     *
     * @param peer    who is at the far end, as audits and logs show it (e.g. {@code broker client console-7})
     * @param carrier carries this side's bytes to the peer
     * @return where the carrier feeds the bytes that arrive from the peer; after {@link #close()}, a
     *         tunnel that ignores them, {@code carrier} having been closed at once
     */
    Tunnel accept(String peer, TunnelCarrier carrier);

    /** How many tunnelled connections are open now. */
    int openConnections();

    /** Closes every tunnelled connection and refuses new ones. */
    @Override
    void close();
}
