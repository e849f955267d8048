package outpost.protocol;

import java.util.Locale;
import java.util.Optional;

/** What a token allows. Wire names are the lower-case names. */
public enum Role {
    /** Read metrics: cpu, ram, os and the like. */
    READ,
    /** Run shell commands allowed by the agent's configuration. */
    EXECUTE,
    /** Administer the agent: reset, kill. */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a wire name; empty for names this version does not know. */
    public static Optional<Role> ofWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
