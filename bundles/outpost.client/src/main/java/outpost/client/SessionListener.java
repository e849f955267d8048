package outpost.client;

import outpost.protocol.Notice;

/** Hears a session's status changes and the agent's notices, on whatever thread caused them. */
public interface SessionListener {

    /**
     * @param reason why the status changed, for users; null when the user asked for it
     */
    void statusChanged(AgentSession session, SessionStatus status, String reason);

    /** The agent announced something to all its clients (e.g. that it is restarting). */
    default void noticeReceived(AgentSession session, Notice notice) {
    }
}
