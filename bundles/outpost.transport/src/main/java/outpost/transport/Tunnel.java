package outpost.transport;

/**
 * This side's end of a tunnelled byte stream, made by the transport: the carrier feeds it what
 * arrives from the peer and tells it when the peer is gone.
 */
public interface Tunnel {

    /**
     * Bytes that arrived from the peer, in order (copied: the carrier may reuse the array). Never
     * blocks. When the connection falls more than
     * its {@link Limits#maxQueuedBytes()} behind, the tunnel closes (a peer cannot make it buffer
     * without bound).
     */
    void received(byte[] bytes);

    /** The peer closed the stream, or the carrier lost it: the connection closes. Idempotent. */
    void closed();

    /** The carrier cannot take more for now: the connection stops producing ciphertext for it. */
    void pauseSending();

    /** The carrier can take more again. */
    void resumeSending();
}
