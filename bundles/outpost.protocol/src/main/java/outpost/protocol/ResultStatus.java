package outpost.protocol;

/** How a request ended; codes are part of the wire format. */
public enum ResultStatus {
    OK(0), FAILED(1), UNKNOWN_COMMAND(2), FORBIDDEN(3), CANCELLED(4), TIMED_OUT(5);

    private final int code;

    ResultStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ResultStatus ofCode(int code) throws ProtocolException {
        for (ResultStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "unknown result status " + code);
    }
}
