package outpost.console.ui.internal;

import java.util.Locale;

import outpost.protocol.Result;

/**
 * The line that ends a command in the transcript, as a person would say it: "ok", "unknown
 * command", "cancelled after 2.3 s"... The exit code is shown only when a process ran: a shell
 * prefix (the agent's only command names with a colon), or any command that ended with a non-zero
 * code (ping, python); the agent's own commands report 0, which says nothing.
 */
public final class EndLine {

    private EndLine() {
    }

    static String of(String line, Result result) {
        String process = ranProcess(line) || result.exitCode() != 0 ? ", exit " + result.exitCode() : "";
        String took = took(result.durationMillis());
        String outcome = switch (result.status()) {
            case OK -> (result.exitCode() == 0 ? "ok" : "failed") + process + ", " + took;
            case FAILED -> "failed" + detail(result) + ", " + took;
            case UNKNOWN_COMMAND -> "unknown command, try help";
            case FORBIDDEN -> "not allowed" + detail(result);
            case CANCELLED -> "cancelled after " + took;
            case TIMED_OUT -> result.message().isBlank() ? "timed out after " + took : result.message();
        };
        return "\u2190 " + line + ": " + outcome + (result.truncated() ? ", output truncated" : "");
    }

    /** Green only for what went as asked: OK with exit code 0. */
    static boolean succeeded(Result result) {
        return result.isOk() && result.exitCode() == 0;
    }

    /** "sh: ls", "linux:ls", "powershell: dir": the first word ends with, or holds, the prefix's colon. */
    static boolean ranProcess(String line) {
        String first = line.strip().split("\\s", 2)[0];
        return first.indexOf(':') > 0;
    }

    /** Under a second in ms, then in seconds with one decimal ("2.3 s"). */
    public static String took(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String detail(Result result) {
        return result.message().isBlank() ? "" : ": " + result.message();
    }
}
