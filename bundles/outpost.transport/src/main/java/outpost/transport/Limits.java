package outpost.transport;

import java.time.Duration;

import outpost.protocol.FrameCodec;

/**
 * Resource bounds of a connection.
 *
 * @param maxFrameBytes     largest payload accepted; larger frames close the connection
 * @param idleTimeout       a peer from which no frame (not even a keepalive) arrives for this long is dead
 * @param keepaliveInterval a ping is sent after this long without sending anything
 * @param maxQueuedBytes    bytes queued for a peer that does not read before the connection is closed
 */
public record Limits(int maxFrameBytes, Duration idleTimeout, Duration keepaliveInterval, int maxQueuedBytes) {

    public static final Limits DEFAULT = new Limits(FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofSeconds(15),
            Duration.ofSeconds(5), 4 << 20);

    public Limits {
        if (keepaliveInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("the keepalive interval (" + keepaliveInterval
                    + ") must be shorter than the idle timeout (" + idleTimeout + ")");
        }
        if (maxQueuedBytes < maxFrameBytes) {
            throw new IllegalArgumentException("maxQueuedBytes must hold at least one frame of maxFrameBytes");
        }
    }

    public Limits withIdleTimeout(Duration idle, Duration keepalive) {
        return new Limits(maxFrameBytes, idle, keepalive, maxQueuedBytes);
    }
}
