package outpost.console.ui.internal;

import java.util.ArrayList;
import java.util.List;

/** The command lines typed in one console, walked with Up and Down as in a shell. */
final class CommandHistory {

    static final int MAX_ENTRIES = 500;

    private final List<String> entries = new ArrayList<>();
    private int position;

    void add(String line) {
        if (entries.isEmpty() || !entries.get(entries.size() - 1).equals(line)) {
            entries.add(line);
            if (entries.size() > MAX_ENTRIES) {
                entries.remove(0);
            }
        }
        position = entries.size();
    }

    /** The line before the current one, or the oldest; null when there is no history. */
    String previous() {
        if (entries.isEmpty()) {
            return null;
        }
        position = Math.max(0, position - 1);
        return entries.get(position);
    }

    /** The line after the current one; empty past the newest, where typing starts afresh. */
    String next() {
        position = Math.min(entries.size(), position + 1);
        return position == entries.size() ? "" : entries.get(position);
    }
}
