package outpost.console.ui;

import java.util.concurrent.Executor;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * Runs work on the UI thread later (asyncExec), unless the part or dialog it belongs to was closed
 * or its widgets disposed in the meantime: checked before posting and again when the work runs.
 * The one way Outpost's UI code hands results of background work to the UI thread.
 */
public final class UiThread implements Executor {

    private final Display display;
    private final Control anchor;
    private volatile boolean closed;

    /** @param anchor a widget of the part or dialog: once it is disposed, nothing runs */
    public UiThread(Control anchor) {
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

    /** Nothing posted from now on runs; for a part that closes before its widgets are disposed. */
    public void close() {
        closed = true;
    }
}
