package outpost.protocol;

import java.util.Locale;
import java.util.Optional;

/** What a token allows. Wire names are the lower-case names. */
public enum Role {
    /** Read metrics: cpu, ram, os and the like. */
    READ,
    /** Run shell commands allowed by the agent's configuration (no such command exists yet). */
    EXECUTE,
    /** Administer the agent (reset and kill are yet to come). */
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
