package outpost.protocol;

/** Answer to a {@link Ping}. */
public record Pong(long nonce) implements Message {

    @Override
    public MessageType type() {
        return MessageType.PONG;
    }
}
