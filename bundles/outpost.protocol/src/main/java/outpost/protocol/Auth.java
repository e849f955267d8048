package outpost.protocol;

import java.util.Objects;

/** The client's answer to {@link Hello}: its protocol version and its token. */
public record Auth(int protocolMajor, int protocolMinor, String token) implements Message {

    public Auth {
        Objects.requireNonNull(token, "token");
    }

    public static Auth current(String token) {
        return new Auth(ProtocolVersion.MAJOR, ProtocolVersion.MINOR, token);
    }

    @Override
    public MessageType type() {
        return MessageType.AUTH;
    }

    /** Never prints the token: messages end up in logs. */
    @Override
    public String toString() {
        return "Auth[protocol=" + protocolMajor + "." + protocolMinor + ", token=(" + token.length() + " chars)]";
    }
}
