package outpost.client;

/** Where a session stands; only {@link #CONNECTED} sessions accept commands. */
public enum SessionStatus {
    DISCONNECTED("disconnected"), CONNECTING("connecting"), CONNECTED("connected");

    private final String label;

    SessionStatus(String label) {
        this.label = label;
    }

    /** The word shown to users. */
    public String label() {
        return label;
    }
}
