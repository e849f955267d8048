package outpost.console.ui.internal;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;

/**
 * Appends styled text to the console's output pane, keeps the newest line in view, and drops the
 * oldest lines past the scrollback limit. UI thread only.
 */
final class TranscriptView {

    private final StyledText text;
    private int maxLines;

    TranscriptView(StyledText text, int maxLines) {
        this.text = text;
        setMaxLines(maxLines);
    }

    void setMaxLines(int lines) {
        this.maxLines = Math.max(100, lines);
    }

    void appendCommand(String line) {
        appendLine(line, SWT.COLOR_DARK_BLUE, SWT.BOLD);
        scrollToEnd();
    }

    /** Output chunks as they were batched, streamed: no line break is added. */
    void appendOutput(List<OutputBatcher.Chunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        for (OutputBatcher.Chunk chunk : chunks) {
            String content = chunk.text();
            int keepFrom = Scrollback.keepFrom(content, maxLines);
            if (keepFrom > 0) {
                text.setText(""); // this chunk alone fills the scrollback: everything older goes
                content = content.substring(keepFrom);
            }
            append(content, chunk.stderr() ? SWT.COLOR_RED : SWT.COLOR_WIDGET_FOREGROUND, SWT.NORMAL);
        }
        scrollToEnd();
    }

    void appendError(String message) {
        appendLine(message, SWT.COLOR_RED, SWT.NORMAL);
        scrollToEnd();
    }

    void appendInfo(String message) {
        appendLine(message, SWT.COLOR_DARK_GRAY, SWT.ITALIC);
        scrollToEnd();
    }

    /** The end of a command: its status, exit code and duration. */
    void appendEnd(String summary, boolean ok) {
        appendLine(summary, ok ? SWT.COLOR_DARK_GREEN : SWT.COLOR_RED, SWT.ITALIC);
        scrollToEnd();
    }

    private void appendLine(String content, int colorId, int fontStyle) {
        endLine();
        append(content.endsWith("\n") ? content : content + "\n", colorId, fontStyle);
    }

    /** Starts a new line unless the transcript is at one already (streamed output may end mid-line). */
    void endLine() {
        int count = text.getCharCount();
        if (count > 0 && !text.getText(count - 1, count - 1).equals("\n")) {
            text.append("\n");
        }
    }

    boolean isDisposed() {
        return text.isDisposed();
    }

    String content() {
        return text.getText();
    }

    /** Copies the selected text if the transcript has the focus and a selection; says whether it did. */
    boolean copyFocusedSelection() {
        if (!text.isFocusControl() || text.getSelectionCount() == 0) {
            return false;
        }
        text.copy();
        return true;
    }

    /** Long lines wrap at the pane's width, or scroll sideways. */
    void setWrap(boolean wrap) {
        text.setWordWrap(wrap);
    }

    void clear() {
        text.setText("");
    }

    private void append(String content, int colorId, int fontStyle) {
        if (content.isEmpty()) {
            return;
        }
        int start = text.getCharCount();
        text.append(content);
        Color color = text.getDisplay().getSystemColor(colorId);
        text.setStyleRange(new StyleRange(start, content.length(), color, null, fontStyle));
        trim();
    }

    private void trim() {
        int drop = Scrollback.linesToDrop(text.getLineCount(), maxLines);
        if (drop > 0) {
            text.replaceTextRange(0, text.getOffsetAtLine(drop), "");
        }
    }

    private void scrollToEnd() {
        text.setTopIndex(text.getLineCount() - 1);
    }
}
