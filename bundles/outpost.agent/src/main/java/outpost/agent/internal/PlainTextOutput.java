package outpost.agent.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.channel.Channel;
import outpost.agent.CommandContext;
import outpost.agent.ShellPolicy;

/**
 * One plain-text answer on its way to the client. To a line: the command's output as it comes,
 * every line that starts with a dot given a second one, then an optional {@code error: } line and a
 * line holding a single dot that ends the answer (as SMTP and POP3 do), so a lone dot is always the
 * end. To a bare command of the original clients: the output and the error as they are, in one
 * write at the end and at most 1024 bytes, because those clients read the answer with a single
 * {@code recv(1024)}.
 */
final class PlainTextOutput implements CommandContext {

    static final String END = ".\n";
    /** What the original clients read of an answer: one {@code recv(1024)}. */
    static final int BARE_ANSWER_BYTES = 1024;
    static final String BARE_CUT = "\n[answer cut at " + BARE_ANSWER_BYTES
            + " bytes, what one read takes; send the command with a line end for all of it]";

    private final Channel channel;
    private final String arguments;
    private final Duration timeout;
    private final long capChars;
    private final boolean bare;
    /** Bare answers only: the whole answer, sent at the end. */
    private final StringBuilder held = new StringBuilder();
    private long writtenChars;
    private boolean truncated;
    private boolean atLineStart = true;
    private boolean ended;
    private volatile boolean cancelled;

    PlainTextOutput(Channel channel, String arguments, Duration timeout, int outputCapChars, boolean bare) {
        this.channel = channel;
        this.bare = bare;
        this.arguments = arguments;
        this.timeout = timeout;
        this.capChars = outputCapChars;
    }

    @Override
    public String arguments() {
        return arguments;
    }

    @Override
    public void stdout(String text) {
        write(text);
    }

    /** The original clients show one stream: standard error goes with the rest. */
    @Override
    public void stderr(String text) {
        write(text);
    }

    private synchronized void write(String whole) {
        if (truncated || ended || whole.isEmpty()) { // after the end: a killed process's pumps still draining
            return;
        }
        String text = whole;
        if (whole.length() > capChars - writtenChars) {
            truncated = true;
            text = whole.substring(0, (int) Math.max(0, capChars - writtenChars)) + "\n[output cut at " + capChars
                    + " characters: the agent's output cap]\n";
        }
        writtenChars += whole.length();
        if (bare) {
            // more than one read's worth is never sent: keep just enough to know the answer is longer
            held.append(text, 0, (int) Math.max(0, Math.min(text.length(), BARE_ANSWER_BYTES + 1L - held.length())));
            atLineStart = text.endsWith("\n");
        } else {
            channel.writeAndFlush(dotStuffed(text));
        }
    }

    private String dotStuffed(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (atLineStart && c == '.') {
                out.append('.');
            }
            out.append(c);
            atLineStart = c == '\n';
        }
        return out.toString();
    }

    /**
     * Ends the answer: a line break if the output lacked its last one, the error if any, the lone
     * dot; to a bare command, the held output and the error, or a line break when both are empty
     * (a client blocked in {@code recv} must get something).
     */
    synchronized void end(String error) {
        ended = true;
        if (bare) {
            if (!error.isEmpty()) {
                held.append(atLineStart ? "" : "\n").append("error: ").append(error.replace("\n", " "));
            }
            channel.writeAndFlush(held.isEmpty() ? "\n" : fitOneRead(held.toString()));
            held.setLength(0);
            return;
        }
        StringBuilder tail = new StringBuilder();
        if (!atLineStart) {
            tail.append('\n');
        }
        if (!error.isEmpty()) {
            tail.append("error: ").append(error.replace("\n", " ")).append('\n');
        }
        atLineStart = true;
        channel.writeAndFlush(tail.append(END).toString());
    }

    /**
     * A longer answer would leave its rest to be read as the answer to the client's next command:
     * it is cut, whole characters only, with a marker saying so.
     */
    static String fitOneRead(String answer) {
        if (answer.length() <= BARE_ANSWER_BYTES / 3 || answer.getBytes(StandardCharsets.UTF_8).length <= BARE_ANSWER_BYTES) {
            return answer;
        }
        int room = BARE_ANSWER_BYTES - BARE_CUT.length(); // the marker is ASCII
        int bytes = 0;
        int end = 0;
        while (end < answer.length()) {
            int codePoint = answer.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > room) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return answer.substring(0, end) + BARE_CUT;
    }

    synchronized boolean truncated() {
        return truncated;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /** Never a shell on a port without authentication, whatever the configuration allows elsewhere. */
    @Override
    public ShellPolicy shellPolicy() {
        return ShellPolicy.DISABLED;
    }
}
