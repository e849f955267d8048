package outpost.agent;

import java.time.Duration;

/** What a running command sees of its request: its arguments, where its output goes, its deadline. */
public interface CommandContext {

    /** What followed the command name on the command line, trimmed; empty if nothing. */
    String arguments();

    /** Sends a chunk of standard output to the caller. */
    void stdout(String text);

    /** Sends a chunk of standard error to the caller. */
    void stderr(String text);

    /** Whether the caller cancelled the request or its time ran out. */
    boolean isCancelled();

    /** How long the request may run in all. */
    Duration timeout();

    /** Which shell command lines this agent allows. */
    ShellPolicy shellPolicy();
}
