package outpost.client.fanout;

/** Where one target of a fan-out stands. */
public enum FanOutStatus {
    WAITING("waiting"), CONNECTING("connecting"), RUNNING("running"),
    /** Ran and exited 0. */
    OK("ok"),
    /** Ran and failed (non-zero exit), or the agent could not run it (unknown command, timed out). */
    FAILED("failed"),
    /** The agent refused it: the token lacks the role, or the shell allow-list does not permit the line. */
    FORBIDDEN("forbidden"),
    /** Could not be reached or logged into: nothing ran. */
    UNREACHABLE("unreachable"),
    CANCELLED("cancelled");

    private final String label;

    FanOutStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean finished() {
        return ordinal() >= OK.ordinal();
    }
}
