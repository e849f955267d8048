package outpost.protocol;

/** Outcome of a request; codes are part of the wire format. */
public enum ReplyStatus {
    OK(0), UNKNOWN_COMMAND(1), FAILED(2);

    private final int code;

    ReplyStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ReplyStatus ofCode(int code) throws ProtocolException {
        for (ReplyStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new ProtocolException("unknown reply status " + code);
    }
}
