package outpost.alerts;

/** What an alert is about; each kind has its own threshold in {@link Thresholds}. */
public enum AlertKind {
    CPU("CPU"),
    RAM("RAM"),
    /** One file system too full; the alert's subject names it. */
    DISK("Disk"),
    /** The agent did not answer; the alert's value is how many seconds it has been away. */
    UNREACHABLE("Unreachable");

    private final String label;

    AlertKind(String label) {
        this.label = label;
    }

    /** The word shown in the Alerts view's "What" column. */
    public String label() {
        return label;
    }
}
