package outpost.agent;

import outpost.protocol.Role;

/**
 * One command the agent answers. Register an implementation as an OSGi service and the agent
 * offers it under {@link #name()} to callers whose token has {@link #requiredRole()}; {@code help}
 * lists it with {@link #help()}.
 */
public interface AgentCommand {

    /** The word a client types, lower case, no spaces. */
    String name();

    /** Other names the command answers to (the original's "dos:" for "cmd:", say). */
    default java.util.List<String> aliases() {
        return java.util.List.of();
    }

    /** One line for {@code help}. */
    String help();

    /** The role a caller's token needs to run this command. */
    default Role requiredRole() {
        return Role.READ;
    }

    /**
     * Whether the command answers in microseconds without blocking (reading in-memory or /proc
     * values). Quick commands run on the connection's event loop, saving two thread hand-offs;
     * anything that may block (processes, network, disks) must say false.
     */
    default boolean isQuick() {
        return false;
    }

    /**
     * Runs the command, writing its output through the context as it is produced. Runs on a worker
     * thread that is interrupted when the request is cancelled or times out.
     *
     * @return the exit code: 0 for success; a process's own exit code for shell commands
     * @throws IllegalArgumentException when the arguments are invalid (the message is shown to the user)
     * @throws Exception when the command could not be carried out
     */
    int execute(CommandContext context) throws Exception;
}
