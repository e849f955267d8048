package outpost.agent.internal.dispatch;

import java.util.Optional;
import java.util.Set;

import outpost.agent.AgentCommand;
import outpost.protocol.Role;

/** Who asks, as the {@link Dispatcher} sees a client of either port. */
public interface Caller {

    /** The roles of the caller's token (the plain-text port: read only). */
    Set<Role> roles();

    /**
     * The port's own refusal of a request, asked before anything else: an empty line, a shell on a
     * port without authentication, a command the port does not offer. Empty when the port lets it through.
     */
    default Optional<Outcome> refusal(CommandLine line, Optional<AgentCommand> command) {
        return Optional.empty();
    }

    /** The FORBIDDEN message when the caller lacks the role a command or built-in needs. */
    String lacks(String commandName, Role role);

    /** Whether {@code help} lists a command for this caller. */
    boolean offers(AgentCommand command);

    /** Ends the caller's connection, after the answer to {@code disconnect}. */
    void disconnect();
}
