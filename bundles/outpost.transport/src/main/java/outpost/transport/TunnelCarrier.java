package outpost.transport;

/**
 * What carries one tunnelled byte stream to the peer (an MQTT topic, in broker mode). The transport
 * runs TLS and frames over the stream exactly as over a socket, so a carrier only ever sees
 * ciphertext.
 */
public interface TunnelCarrier {

    /**
     * Carries bytes to the peer, in order (never an empty array; the array is the carrier's to keep).
     * Called on a transport thread: it must not block. A carrier
     * that cannot keep up calls {@link Tunnel#pauseSending()} and later {@link Tunnel#resumeSending()}
     * rather than queue without bound.
     */
    void send(byte[] bytes);

    /** This side's connection ended: tell the peer and release what the stream holds. Called once. */
    void close();
}
