package outpost.protocol;

import java.util.Objects;

/** A command line sent by a client; the id pairs it with its {@link Reply}. */
public record Request(int id, String command) implements Message {

    public Request {
        Objects.requireNonNull(command, "command");
    }

    @Override
    public MessageType type() {
        return MessageType.REQUEST;
    }
}
