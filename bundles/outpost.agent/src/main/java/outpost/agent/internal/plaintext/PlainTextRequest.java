package outpost.agent.internal.plaintext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import outpost.agent.ShellPolicy;
import outpost.agent.internal.dispatch.DispatchedRequest;
import outpost.agent.internal.dispatch.Outcome;
import outpost.protocol.Result;

/**
 * One plain-text request and its answer. To a line: the command's output, every line that starts
 * with a dot given a second one, then an optional {@code error: } line and a line holding a single
 * dot that ends the answer (as SMTP and POP3 do), so a lone dot is always the end. To a bare
 * command of the original clients: the output and the error as they are, in one write at the end
 * and at most 1024 bytes, because those clients read the answer with a single {@code recv(1024)}.
 * <p>
 * Output made on the event loop (quick commands) is held and written with the end of the answer:
 * one write and one system call per answer. A command on a worker streams its output as it comes.
 * Never a shell on this port, which has no authentication, whatever the configuration allows elsewhere.
 */
final class PlainTextRequest extends DispatchedRequest {

    static final String END = ".\n";
    /** What the original clients read of an answer: one {@code recv(1024)}. */
    static final int BARE_ANSWER_BYTES = 1024;
    static final String BARE_CUT = "\n[answer cut at " + BARE_ANSWER_BYTES
            + " bytes, what one read takes; send the command with a line end for all of it]";

    private final AnswerChannel channel;
    private final long capChars;
    private final boolean bare;
    private final Consumer<Result> onFinished;
    /** Output not yet written: all of a bare answer, or what the event loop made. Guarded by this. */
    private final StringBuilder held = new StringBuilder();
    private long writtenChars;
    private volatile boolean truncated;
    private boolean atLineStart = true;

    /** Where the answer goes: the connection's channel, written from any thread. */
    interface AnswerChannel {
        boolean inEventLoop();

        void writeAndFlush(String text);

        static AnswerChannel of(Channel channel) {
            return new AnswerChannel() {
                @Override
                public boolean inEventLoop() {
                    return channel.eventLoop().inEventLoop();
                }

                /** Netty's own UTF-8 writer: the pipeline's string encoder goes through a CharsetEncoder, twice the cost. */
                @Override
                public void writeAndFlush(String text) {
                    channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), text));
                }
            };
        }
    }

    PlainTextRequest(AnswerChannel channel, Duration timeout, int outputCapChars, boolean bare, Consumer<Result> onFinished) {
        super(timeout, ShellPolicy.DISABLED);
        this.channel = channel;
        this.bare = bare;
        this.capChars = outputCapChars;
        this.onFinished = onFinished;
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
        if (truncated || isFinished() || whole.isEmpty()) { // after the end: a killed process's pumps still draining
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
            return;
        }
        appendDotStuffed(text);
        if (!channel.inEventLoop()) {
            channel.writeAndFlush(held.toString()); // a worker's output streams as it comes
            held.setLength(0);
        }
    }

    /** Line by line (a profile found the char-by-char copy a tenth of the port's CPU). */
    private void appendDotStuffed(String text) {
        int from = 0;
        while (from < text.length()) {
            if (atLineStart && text.charAt(from) == '.') {
                held.append('.');
            }
            int lineEnd = text.indexOf('\n', from);
            int to = lineEnd < 0 ? text.length() : lineEnd + 1;
            held.append(text, from, to);
            atLineStart = lineEnd >= 0;
            from = to;
        }
    }

    /**
     * Ends the answer: a line break if the output lacked its last one, the error if any, the lone
     * dot; to a bare command, the held output and the error, or a line break when both are empty
     * (a client blocked in {@code recv} must get something). Then the session records it and reads on.
     */
    @Override
    protected void deliver(Outcome outcome) {
        String error = outcome.message();
        String answer;
        synchronized (this) {
            if (bare) {
                if (!error.isEmpty()) {
                    held.append(atLineStart ? "" : "\n").append("error: ").append(error.replace("\n", " "));
                }
                answer = held.isEmpty() ? "\n" : fitOneRead(held.toString());
            } else {
                if (!atLineStart) {
                    held.append('\n');
                }
                if (!error.isEmpty()) {
                    held.append("error: ").append(error.replace("\n", " ")).append('\n');
                }
                answer = held.append(END).toString();
            }
            held.setLength(0);
            atLineStart = true;
        }
        channel.writeAndFlush(answer);
        onFinished.accept(new Result(0, outcome.status(), outcome.exitCode(), outcome.durationMillis(), truncated,
                error));
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
}
