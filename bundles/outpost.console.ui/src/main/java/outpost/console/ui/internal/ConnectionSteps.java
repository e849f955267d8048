package outpost.console.ui.internal;

import java.util.concurrent.Executor;

/**
 * Where the steps of one console's connection run: blocking work in the background, decisions on
 * the UI thread. Once closed (the console closed), no step reaches the UI thread any more.
 */
final class ConnectionSteps {

    private final Executor uiThread;
    private final BackgroundWork background;
    private volatile boolean closed;

    ConnectionSteps(Executor uiThread, BackgroundWork background) {
        this.uiThread = uiThread;
        this.background = background;
    }

    /** Runs a step on the UI thread later, unless closed meanwhile. */
    void inUi(Runnable step) {
        if (closed) {
            return;
        }
        uiThread.execute(() -> {
            if (!closed) {
                step.run();
            }
        });
    }

    BackgroundWork.Task inBackground(String name, long delayMillis, boolean system, Runnable work) {
        return background.schedule(name, delayMillis, system, work);
    }

    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
