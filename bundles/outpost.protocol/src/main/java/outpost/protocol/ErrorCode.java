package outpost.protocol;

/** Error codes of {@link ErrorReport}; codes are part of the wire format and never reused. */
public enum ErrorCode {
    /** Bytes that are not a valid frame or message. */
    PROTOCOL_ERROR(1),
    /** The peers' protocol major versions differ. */
    UNSUPPORTED_VERSION(2),
    /** A message other than AUTH arrived before authentication. */
    AUTH_REQUIRED(3),
    /** The token is unknown. */
    AUTH_FAILED(4),
    /** Too many failed attempts from this address; try again later. */
    AUTH_THROTTLED(5),
    /** A request id is already in flight on this connection. */
    DUPLICATE_ID(6),
    /** A cancel names no request in flight. */
    UNKNOWN_ID(7),
    /** More requests in flight than the agent allows per connection. */
    TOO_MANY_REQUESTS(8),
    /** The agent has as many connections as it allows. */
    TOO_MANY_CONNECTIONS(9),
    /** Authentication did not complete in time. */
    HANDSHAKE_TIMEOUT(10),
    /** Nothing (not even a keepalive) arrived within the idle timeout. */
    IDLE_TIMEOUT(11),
    /** The peer does not read what it is sent; the queue for it is full. */
    SLOW_READER(12),
    /** The agent is stopping or resetting. */
    SHUTTING_DOWN(13),
    /** A frame is larger than the receiver's maximum. */
    FRAME_TOO_LARGE(14),
    /** An unexpected failure in the sender. */
    INTERNAL_ERROR(15);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ErrorCode ofCode(int code) throws ProtocolException {
        for (ErrorCode error : values()) {
            if (error.code == code) {
                return error;
            }
        }
        throw new ProtocolException(PROTOCOL_ERROR, "unknown error code " + code);
    }
}
