package outpost.protocol;

import java.util.Objects;

/**
 * A command line to run. The id, chosen by the client, must be positive and unique among the
 * client's requests in flight. A timeout of 0 means the agent's default.
 */
public record Request(int id, int timeoutMillis, String command) implements Message {

    public Request {
        Objects.requireNonNull(command, "command");
    }

    public Request(int id, String command) {
        this(id, 0, command);
    }

    @Override
    public int requestId() {
        return id;
    }

    @Override
    public MessageType type() {
        return MessageType.REQUEST;
    }
}
