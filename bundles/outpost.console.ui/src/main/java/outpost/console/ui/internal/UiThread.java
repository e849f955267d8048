package outpost.console.ui.internal;

import java.util.concurrent.Executor;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * Runs work on the UI thread later (asyncExec), unless the console was closed or its widgets
 * disposed in the meantime: checked before posting and again when the work runs.
 */
final class UiThread implements Executor {

    private final Display display;
    private final Control anchor;
    private volatile boolean closed;

    /** @param anchor a widget of the console: once it is disposed, nothing runs */
    UiThread(Control anchor) {
        this.display = anchor.getDisplay();
        this.anchor = anchor;
    }

    @Override
    public void execute(Runnable work) {
        if (closed || display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (!closed && !anchor.isDisposed()) {
                work.run();
            }
        });
    }

    /** Nothing posted from now on runs; called when the console closes. */
    void close() {
        closed = true;
    }
}
