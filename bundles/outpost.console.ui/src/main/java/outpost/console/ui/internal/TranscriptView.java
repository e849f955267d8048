package outpost.console.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;

/** Appends styled text to the console's output pane and keeps the newest line in view. UI thread only. */
final class TranscriptView {

    private final StyledText text;

    TranscriptView(StyledText text) {
        this.text = text;
    }

    void appendCommand(String line) {
        appendLine(line, SWT.COLOR_DARK_BLUE, SWT.BOLD);
    }

    /** A chunk of a command's output, as it streams: no line break is added. */
    void appendOutput(String chunk, boolean stderr) {
        append(chunk, stderr ? SWT.COLOR_RED : SWT.COLOR_WIDGET_FOREGROUND, SWT.NORMAL);
    }

    void appendError(String message) {
        appendLine(message, SWT.COLOR_RED, SWT.NORMAL);
    }

    void appendInfo(String message) {
        appendLine(message, SWT.COLOR_DARK_GRAY, SWT.ITALIC);
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

    private void append(String content, int colorId, int fontStyle) {
        if (content.isEmpty()) {
            return;
        }
        int start = text.getCharCount();
        text.append(content);
        Color color = text.getDisplay().getSystemColor(colorId);
        text.setStyleRange(new StyleRange(start, content.length(), color, null, fontStyle));
        text.setTopIndex(text.getLineCount() - 1);
    }
}
