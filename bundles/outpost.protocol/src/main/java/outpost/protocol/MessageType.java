package outpost.protocol;

/** Type byte of each message; values are part of the wire format and never reused. */
public enum MessageType {
    HELLO(1), AUTH(2), AUTH_OK(3), REQUEST(4), OUTPUT(5), RESULT(6), CANCEL(7), PING(8), PONG(9), NOTICE(10), ERROR(11);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MessageType ofCode(int code) throws ProtocolException {
        for (MessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "unknown message type " + code);
    }
}
