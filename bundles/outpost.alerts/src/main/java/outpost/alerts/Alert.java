package outpost.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One breach of a threshold on one server, open while {@code end} is null.
 *
 * @param server    the server's endpoint, "host:port" (its identity in the server list)
 * @param name      the server's name when the alert started, for people
 * @param subject   the file system of a DISK alert, "" for the other kinds
 * @param start     when the condition began (for CPU: when it first went above, not when it had
 *                  lasted long enough to raise)
 * @param threshold the limit breached, in the kind's unit (percent, or seconds for UNREACHABLE)
 * @param worst     the highest value seen while open (percent, or seconds away for UNREACHABLE)
 */
public record Alert(String server, String name, AlertKind kind, String subject, Instant start, Instant end,
        double threshold, double worst) {

    public Alert {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(start, "start");
    }

    public boolean isOpen() {
        return end == null;
    }

    /** How long it lasted, or has lasted until {@code now} while open. */
    public Duration duration(Instant now) {
        return Duration.between(start, end != null ? end : now);
    }

    Alert worsened(double value) {
        return value > worst ? new Alert(server, name, kind, subject, start, end, threshold, value) : this;
    }

    Alert ended(Instant time) {
        return new Alert(server, name, kind, subject, start, time, threshold, worst);
    }

    /** Whether both are the same condition on the same server (the same file system for DISK). */
    boolean sameCondition(String server, AlertKind kind, String subject) {
        return this.server.equals(server) && this.kind == kind && this.subject.equals(subject);
    }
}
