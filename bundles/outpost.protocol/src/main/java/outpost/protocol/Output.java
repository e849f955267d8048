package outpost.protocol;

import java.util.Objects;

/** A chunk of a request's output, sent as it is produced. */
public record Output(int id, OutputKind kind, String text) implements Message {

    public Output {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public int requestId() {
        return id;
    }

    @Override
    public MessageType type() {
        return MessageType.OUTPUT;
    }
}
