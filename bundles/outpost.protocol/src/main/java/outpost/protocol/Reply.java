package outpost.protocol;

import java.util.Objects;

/** The agent's answer to the {@link Request} with the same id. */
public record Reply(int id, ReplyStatus status, String body) implements Message {

    public Reply {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(body, "body");
    }

    public boolean isOk() {
        return status == ReplyStatus.OK;
    }

    @Override
    public MessageType type() {
        return MessageType.REPLY;
    }
}
