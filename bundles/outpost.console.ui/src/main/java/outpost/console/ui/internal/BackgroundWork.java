package outpost.console.ui.internal;

/** Runs blocking work (storage, connects) off the UI thread: Eclipse Jobs in the console. */
interface BackgroundWork {

    /** A scheduled piece of work. */
    interface Task {

        /** Drops the work if it has not started; work already running finishes. */
        void cancel();
    }

    /**
     * @param name        what the work does, for the Progress view
     * @param delayMillis how long to wait first
     * @param system      whether to hide it from the user (work they did not ask for)
     */
    Task schedule(String name, long delayMillis, boolean system, Runnable work);
}
