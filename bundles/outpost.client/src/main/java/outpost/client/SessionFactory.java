package outpost.client;

/** Creates sessions to agents; offered as an OSGi service. */
public interface SessionFactory {

    /** A new, not yet connected session that connects directly to the settings' host and port. */
    AgentSession create(SessionSettings settings);

    /**
     * A new, not yet connected session whose connection takes {@code route} (for instance through a
     * broker); everything else is as {@link #create(SessionSettings)}'s. The settings' host and port
     * still key the agent's pinned fingerprint and name it in messages.
     */
    AgentSession create(SessionSettings settings, AgentRoute route);
}
