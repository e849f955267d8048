package outpost.agent.internal.dispatch;

import java.time.Duration;

import outpost.protocol.ResultStatus;

/**
 * How a request ended, whichever port it came by, before the port puts it in its own words (a
 * RESULT frame, an {@code error:} line).
 *
 * @param durationMillis how long the command ran; 0 for a request refused before it ran
 * @param message        for users; empty when the request succeeded
 */
public record Outcome(ResultStatus status, int exitCode, long durationMillis, String message) {

    /** A request refused before anything ran. */
    public static Outcome refused(ResultStatus status, int exitCode, String message) {
        return new Outcome(status, exitCode, 0, message);
    }

    /** What a stopped request says, whatever its command returned: a stop overrides the command's own ending. */
    static Outcome stopped(ResultStatus why, int exitCode, long durationMillis, Duration timeout) {
        if (why == ResultStatus.TIMED_OUT) {
            return new Outcome(why, exitCode, durationMillis, "timed out after "
                    + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
        }
        return new Outcome(why, exitCode, durationMillis, "cancelled");
    }
}
