package outpost.client.fanout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import outpost.protocol.Output;
import outpost.protocol.OutputKind;

/**
 * How the command ended on one target, or why it could not run there.
 *
 * @param exitCode the command's exit code when it ran to an end of its own (OK or FAILED), else null
 * @param chunks   everything it wrote, standard output and error, in the order it came
 * @param error    why it failed, for users ("exit code 2", "connection refused", "cancelled"); null when ok
 */
public record FanOutOutcome<T>(T target, FanOutStatus status, Integer exitCode, Duration duration, List<Output> chunks,
        String error) {

    public FanOutOutcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }

    /** With {@code output} as all it wrote, on standard output. */
    public FanOutOutcome(T target, FanOutStatus status, Integer exitCode, Duration duration, String output, String error) {
        this(target, status, exitCode, duration,
                output == null || output.isEmpty() ? List.of() : List.of(new Output(0, OutputKind.STDOUT, output)), error);
    }

    public boolean ok() {
        return status == FanOutStatus.OK;
    }

    /** Everything it wrote, standard output and error as they came. */
    public String output() {
        return text(null);
    }

    public String stdout() {
        return text(OutputKind.STDOUT);
    }

    public String stderr() {
        return text(OutputKind.STDERR);
    }

    private String text(OutputKind kind) {
        StringBuilder text = new StringBuilder();
        for (Output chunk : chunks) {
            if (kind == null || chunk.kind() == kind) {
                text.append(chunk.text());
            }
        }
        return text.toString();
    }

    /** The first line of the output (of the error when there is no output), for a table cell. */
    public String firstLine() {
        String output = output();
        String text = output.isBlank() && error != null ? error : output.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
