package outpost.agent;

/**
 * One command the agent answers. Register an implementation as an OSGi service and the agent
 * offers it under {@link #name()}; {@code help} lists it with {@link #help()}.
 */
public interface AgentCommand {

    /** The word a client types, lower case, no spaces. */
    String name();

    /** One line for {@code help}. */
    String help();

    /**
     * Runs the command and returns its text answer.
     *
     * @param arguments what followed the name on the command line, trimmed; empty if nothing
     * @throws IllegalArgumentException when the arguments are invalid (the message is shown to the user)
     * @throws Exception when the command could not be carried out
     */
    String execute(String arguments) throws Exception;
}
