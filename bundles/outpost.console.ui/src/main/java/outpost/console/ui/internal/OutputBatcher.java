package outpost.console.ui.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects output arriving on network threads until the UI thread takes it in one go, so a flood
 * of small chunks becomes a few large appends. {@link #add} says when a flush has to be scheduled:
 * only for the first chunk after a drain, so at most one flush is ever pending. Adjacent chunks of
 * the same stream are joined. Thread-safe.
 */
final class OutputBatcher {

    /** Text of one stream (stdout or stderr) of one command. */
    record Chunk(String text, boolean stderr) {
    }

    private final List<Chunk> pending = new ArrayList<>();
    private StringBuilder last;
    private boolean lastStderr;
    private boolean flushScheduled;

    /** @return true when the caller must schedule a flush (none is pending) */
    synchronized boolean add(String text, boolean stderr) {
        if (last != null && lastStderr == stderr) {
            last.append(text);
        } else {
            closeLast();
            last = new StringBuilder(text);
            lastStderr = stderr;
        }
        if (flushScheduled) {
            return false;
        }
        flushScheduled = true;
        return true;
    }

    /** Everything collected since the last drain, in arrival order; the next add schedules again. */
    synchronized List<Chunk> drain() {
        closeLast();
        List<Chunk> taken = new ArrayList<>(pending);
        pending.clear();
        flushScheduled = false;
        return taken;
    }

    private void closeLast() {
        if (last != null) {
            pending.add(new Chunk(last.toString(), lastStderr));
            last = null;
        }
    }
}
