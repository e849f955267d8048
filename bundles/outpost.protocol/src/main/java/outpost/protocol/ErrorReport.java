package outpost.protocol;

import java.util.Objects;

/**
 * An error about one request (id &gt; 0), or about the connection (id 0), in which case the sender
 * closes the connection right after it.
 */
public record ErrorReport(int id, ErrorCode code, String message) implements Message {

    public ErrorReport {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static ErrorReport fatal(ErrorCode code, String message) {
        return new ErrorReport(0, code, message);
    }

    public boolean isFatal() {
        return id == 0;
    }

    @Override
    public int requestId() {
        return id;
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }
}
