package outpost.console.ui.internal;

/**
 * The arithmetic of a bounded transcript: how much of the oldest text goes when lines are added
 * past the limit. Pure, so the rule is tested without a display.
 */
final class Scrollback {

    private Scrollback() {
    }

    /**
     * The offset where the kept text starts, so that at most {@code maxLines} lines remain (the
     * last line may be unfinished); 0 when the text is within the limit.
     */
    static int keepFrom(CharSequence text, int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive");
        }
        int breaks = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            if (text.charAt(i) == '\n' && i < text.length() - 1) {
                breaks++;
                if (breaks == maxLines) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** Lines to drop from a widget holding {@code lineCount} lines (its last one possibly empty). */
    static int linesToDrop(int lineCount, int maxLines) {
        return Math.max(0, lineCount - maxLines);
    }
}
