package outpost.client;

/** Creates sessions to agents; offered as an OSGi service. */
public interface SessionFactory {

    /** A new, not yet connected session. */
    AgentSession create(SessionSettings settings);
}
