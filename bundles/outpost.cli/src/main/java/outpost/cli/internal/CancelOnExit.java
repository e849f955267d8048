package outpost.cli.internal;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import outpost.client.CommandCall;

/**
 * Ctrl+C (or any other JVM shutdown) while commands run: a shutdown hook sends Cancel for each
 * running command and waits briefly for the agents to confirm, so a long shell command does not
 * keep running on the servers after the client is gone.
 */
final class CancelOnExit implements AutoCloseable {

    static final long CONFIRM_MILLIS = 2_000;

    private final Set<CommandCall> running = ConcurrentHashMap.newKeySet();
    private final Thread hook = new Thread(this::cancelAll, "outpost-cli-cancel-on-exit");
    private volatile boolean exiting;

    CancelOnExit() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Tracks a started command until its result arrives; cancels it at once if the JVM is exiting. */
    void track(CommandCall call) {
        running.add(call);
        call.result().whenComplete((result, error) -> running.remove(call));
        if (exiting) {
            call.cancel();
        }
    }

    int runningCount() {
        return running.size();
    }

    /** Whether Ctrl+C was pressed: nothing new should start. */
    boolean exiting() {
        return exiting;
    }

    void cancelAll() {
        exiting = true;
        CommandCall[] calls = running.toArray(CommandCall[]::new);
        if (calls.length == 0) {
            return;
        }
        System.err.println("outpost-cli: cancelling " + calls.length + (calls.length == 1 ? " command" : " commands")
                + " on the agents");
        CompletableFuture<?>[] results = new CompletableFuture<?>[calls.length];
        for (int i = 0; i < calls.length; i++) {
            calls[i].cancel();
            results[i] = calls[i].result();
        }
        try {
            CompletableFuture.allOf(results).get(CONFIRM_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a lost connection or a slow agent: the agent cancels on disconnect all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
    }
}
