package outpost.client;

/** Hears a session's status changes, on whatever thread caused them. */
@FunctionalInterface
public interface SessionListener {

    /**
     * @param reason why the status changed, for users; null when the user asked for it
     */
    void statusChanged(AgentSession session, SessionStatus status, String reason);
}
