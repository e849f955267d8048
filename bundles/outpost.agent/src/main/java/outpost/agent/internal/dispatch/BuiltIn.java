package outpost.agent.internal.dispatch;

import java.util.Optional;

import outpost.protocol.Role;

/** The commands the agent answers itself: help and the original's session control. */
public enum BuiltIn {
    HELP("help", Role.READ, "list the commands you may run"),
    DISCONNECT("disconnect", Role.READ, "close this connection; the agent serves the others"),
    RESET("reset", Role.ADMIN, "disconnect every client, re-read configuration, tokens and certificate, listen again"),
    KILL("kill", Role.ADMIN, "tell every client, then stop the agent");

    private final String word;
    private final Role role;
    private final String help;

    BuiltIn(String word, Role role, String help) {
        this.word = word;
        this.role = role;
        this.help = help;
    }

    public String word() {
        return word;
    }

    public Role role() {
        return role;
    }

    String help() {
        return help;
    }

    private static final BuiltIn[] ALL = values(); // values() copies the array at each call, once per request

    public static Optional<BuiltIn> of(String word) {
        for (BuiltIn builtIn : ALL) {
            if (builtIn.word.equals(word)) {
                return Optional.of(builtIn);
            }
        }
        return Optional.empty();
    }
}
