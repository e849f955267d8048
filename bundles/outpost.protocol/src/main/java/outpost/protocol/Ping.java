package outpost.protocol;

/** Keepalive probe; the peer answers with a {@link Pong} carrying the same nonce. */
public record Ping(long nonce) implements Message {

    @Override
    public MessageType type() {
        return MessageType.PING;
    }
}
