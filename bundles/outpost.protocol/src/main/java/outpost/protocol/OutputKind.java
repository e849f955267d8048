package outpost.protocol;

/** Which stream an {@link Output} chunk comes from. */
public enum OutputKind {
    STDOUT(1), STDERR(2);

    private final int code;

    OutputKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static OutputKind ofCode(int code) throws ProtocolException {
        for (OutputKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "unknown output stream " + code);
    }
}
