package outpost.protocol;

/** What an agent announces to all its clients. */
public enum NoticeKind {
    /** The agent is resetting: connections close now, the agent accepts again shortly. */
    RESETTING(1),
    /** The agent is stopping: connections close now and nobody will answer. */
    STOPPING(2),
    /** Information for users. */
    INFO(3);

    private final int code;

    NoticeKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static NoticeKind ofCode(int code) throws ProtocolException {
        for (NoticeKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "unknown notice kind " + code);
    }
}
