package outpost.protocol;

/** Type byte of each message; values are part of the wire format and never reused. */
public enum MessageType {
    HELLO(1), REQUEST(2), REPLY(3);

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
        throw new ProtocolException("unknown message type " + code);
    }
}
