package outpost.protocol;

import java.util.Objects;

/**
 * The end of a request: its status, the exit code of a process (0 for built-in commands), how long
 * it ran, whether output was cut at the agent's cap, and a message for users (empty when OK).
 */
public record Result(int id, ResultStatus status, int exitCode, long durationMillis, boolean truncated, String message)
        implements Message {

    public Result {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    public static Result ok(int id, long durationMillis) {
        return new Result(id, ResultStatus.OK, 0, durationMillis, false, "");
    }

    public static Result of(int id, ResultStatus status, String message) {
        return new Result(id, status, 0, 0, false, message);
    }

    public boolean isOk() {
        return status == ResultStatus.OK;
    }

    @Override
    public int requestId() {
        return id;
    }

    @Override
    public MessageType type() {
        return MessageType.RESULT;
    }
}
