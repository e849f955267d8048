package outpost.console.ui.internal;

import outpost.client.SessionStatus;

/**
 * What a console shows about its connection: the session's status, whether a disconnect is the
 * agent restarting (after its reset notice), and whether the token may reset and kill the agent.
 */
record ConnectionState(SessionStatus status, boolean agentRestarting, boolean admin) {

    static final ConnectionState DISCONNECTED = new ConnectionState(SessionStatus.DISCONNECTED, false, false);

    /** The word in the status line. */
    String label() {
        return agentRestarting ? "agent restarting" : status.label();
    }

    /** Commands can be sent only while connected. */
    boolean canSend() {
        return status == SessionStatus.CONNECTED;
    }
}
