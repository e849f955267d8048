package outpost.explorer.ui.internal.live;

/** Where the Server Explorer's connection to one agent stands, in the words of its status column. */
public enum LiveStatus {
    /** Nothing answers at the address (refused, timed out, unknown host), token or not. */
    OFFLINE("offline"),
    CONNECTING("connecting"),
    ONLINE("online"),
    /**
     * Online as the broker's fleet directory says (its retained state), with no session of the
     * console to it: figures only from the samples it publishes, no latency.
     */
    ANNOUNCED("online"),
    /** The agent answers, but no token is stored for it: its console asks for one. */
    NO_TOKEN("no token"),
    /** The agent refused the stored token (or throttles this address after refusals). */
    AUTH_FAILED("auth failed"),
    /** The agent's certificate is not pinned yet, or differs from the pinned one. */
    CERTIFICATE_NOT_TRUSTED("certificate not trusted");

    private final String label;

    LiveStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the agent is up: answering the console's session, or announced online at the broker. */
    public boolean online() {
        return this == ONLINE || this == ANNOUNCED;
    }
}
