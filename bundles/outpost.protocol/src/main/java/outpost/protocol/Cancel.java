package outpost.protocol;

/** Asks the agent to stop the request with this id; it still ends with a {@link Result}. */
public record Cancel(int id) implements Message {

    @Override
    public int requestId() {
        return id;
    }

    @Override
    public MessageType type() {
        return MessageType.CANCEL;
    }
}
