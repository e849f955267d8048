package outpost.protocol;

import java.io.IOException;

/**
 * Bytes or a conversation that break the protocol; the {@link ErrorCode} is what the receiver
 * reports to its peer before closing.
 */
public class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
