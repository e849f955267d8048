package outpost.protocol;

import java.util.List;
import java.util.Objects;

/** The agent accepted the token: its name and the roles it grants (see {@link Role}). */
public record AuthOk(String tokenName, List<String> roles) implements Message {

    public AuthOk {
        Objects.requireNonNull(tokenName, "tokenName");
        roles = List.copyOf(roles);
    }

    @Override
    public MessageType type() {
        return MessageType.AUTH_OK;
    }
}
