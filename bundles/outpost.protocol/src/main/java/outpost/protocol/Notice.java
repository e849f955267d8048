package outpost.protocol;

import java.util.Objects;

/** A message from the agent to every client, e.g. that it is restarting. */
public record Notice(NoticeKind kind, String text) implements Message {

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public MessageType type() {
        return MessageType.NOTICE;
    }
}
