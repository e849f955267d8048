package outpost.metrics;

import java.util.function.Consumer;

/**
 * Puts the chunks of a {@code watch} stream back into lines, one sample each: a chunk may hold
 * several lines or part of one (docs/PROTOCOL.md), so a line is handed on only once its line break
 * has come. Shared by every reader of {@code watch} (the console's charts, the explorer's monitor). A line that grows
 * past any sample's size without one is dropped rather than kept growing.
 */
public final class WatchLines {

    public static final int LONGEST_LINE = 1 << 20;

    private final Consumer<String> onLine;
    private final StringBuilder pending = new StringBuilder();
    private boolean overlong;

    public WatchLines(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    /** Takes the next chunk; each line it completes goes to the consumer, on this thread, without its line break. */
    public synchronized void accept(String chunk) {
        int start = 0;
        for (int end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
            if (!overlong) {
                pending.append(chunk, start, end);
                onLine.accept(pending.toString());
            }
            pending.setLength(0);
            overlong = false;
            start = end + 1;
        }
        if (!overlong) {
            pending.append(chunk, start, chunk.length());
            if (pending.length() > LONGEST_LINE) {
                pending.setLength(0);
                overlong = true;
            }
        }
    }
}
