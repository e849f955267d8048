package outpost.agent.internal;

import java.time.Duration;

/**
 * Makes SIGTERM and Ctrl+C stop the agent the way a client's {@code kill} does: clients are told
 * that the agent is stopping, connections close, the audit log is flushed, and the OSGi framework
 * stops, so its bundles save their state (the extension registry its cache, which spares the next
 * start parsing plugin.xml). Without it the JVM would exit in the middle of all that.
 */
final class StopOnSignal implements AutoCloseable {

    /** Waits, bounded, until the framework has stopped. */
    @FunctionalInterface
    interface FrameworkStop {
        void await(Duration limit) throws InterruptedException;
    }

    private final Thread hook;

    private StopOnSignal(Thread hook) {
        this.hook = hook;
    }

    /**
     * Registers the JVM shutdown hook: it runs {@code requestStop} and then holds the JVM until the
     * framework has stopped, at most {@code limit}.
     */
    static StopOnSignal install(Runnable requestStop, FrameworkStop frameworkStop, Duration limit) {
        Thread hook = new Thread(() -> stopAndWait(requestStop, frameworkStop, limit), "outpost-agent-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopOnSignal(hook);
    }

    /** The hook's work, apart from the JVM. */
    static void stopAndWait(Runnable requestStop, FrameworkStop frameworkStop, Duration limit) {
        requestStop.run();
        try {
            frameworkStop.await(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the JVM exits now anyway
        }
    }

    /** The agent stopped otherwise (a client's kill, the framework stopping): the hook is not needed. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and the hook runs (or ran): that is what stopped the agent
        }
    }
}
