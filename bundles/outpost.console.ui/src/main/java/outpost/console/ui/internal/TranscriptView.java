package outpost.console.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;

/** Appends styled lines to the console's output pane and keeps the newest line in view. UI thread only. */
final class TranscriptView {

    private final StyledText text;

    TranscriptView(StyledText text) {
        this.text = text;
    }

    void appendCommand(String line) {
        append(line, SWT.COLOR_DARK_BLUE, SWT.BOLD);
    }

    void appendOutput(String body) {
        append(body, SWT.COLOR_WIDGET_FOREGROUND, SWT.NORMAL);
    }

    void appendError(String message) {
        append(message, SWT.COLOR_RED, SWT.NORMAL);
    }

    void appendInfo(String message) {
        append(message, SWT.COLOR_DARK_GRAY, SWT.ITALIC);
    }

    private void append(String content, int colorId, int fontStyle) {
        String line = content.endsWith("\n") ? content : content + "\n";
        int start = text.getCharCount();
        text.append(line);
        Color color = text.getDisplay().getSystemColor(colorId);
        text.setStyleRange(new StyleRange(start, line.length(), color, null, fontStyle));
        text.setTopIndex(text.getLineCount() - 1);
    }
}
