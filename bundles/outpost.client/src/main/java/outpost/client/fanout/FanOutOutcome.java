package outpost.client.fanout;

import java.time.Duration;
import java.util.Objects;

/**
 * How the command ended on one target, or why it could not run there.
 *
 * @param exitCode the command's exit code when it ran to an end of its own (OK or FAILED), else null
 * @param output   everything it wrote (standard output and error as they came)
 * @param error    why it failed, for users ("exit code 2", "connection refused", "cancelled"); null when ok
 */
public record FanOutOutcome<T>(T target, FanOutStatus status, Integer exitCode, Duration duration, String output,
        String error) {

    public FanOutOutcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        output = output == null ? "" : output;
    }

    public boolean ok() {
        return status == FanOutStatus.OK;
    }

    /** The first line of the output (of the error when there is no output), for a table cell. */
    public String firstLine() {
        String text = output.isBlank() && error != null ? error : output.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
