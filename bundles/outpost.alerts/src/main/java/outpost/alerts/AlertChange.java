package outpost.alerts;

/** An alert that was raised or that cleared by itself; what notifications and views react to. */
public record AlertChange(Alert alert, boolean raised) {
}
