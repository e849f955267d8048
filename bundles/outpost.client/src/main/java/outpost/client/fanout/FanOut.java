package outpost.client.fanout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.protocol.Output;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;

/**
 * Runs one command line on many agents at once, at most {@code parallel} connecting or running at a
 * time; one target's failure never stops the others, and {@link Run#cancel()} stops all of them
 * (commands running are cancelled on their agents, targets not started yet are not started).
 */
public final class FanOut {

    /** Beyond the command's own timeout, time for the agent's result to arrive. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    /** How to reach a target: a connected session, released when the target is done. */
    @FunctionalInterface
    public interface Connector<T> {
        /** Blocks while connecting; throws with a message for users when it cannot. */
        Connection open(T target) throws IOException;
    }

    /** A connected session to one target; closing lets go of it (closes it, or returns a share). */
    public interface Connection extends AutoCloseable {
        AgentSession session();

        @Override
        void close();
    }

    /** Hears each target's progress, on the fan-out's threads: must not block. */
    public interface Listener<T> {
        default void status(T target, FanOutStatus status) {
        }

        default void output(T target, String text) {
        }

        /** The command started on the target's agent (outpost-cli tracks it to cancel it on Ctrl+C). */
        default void started(T target, CommandCall call) {
        }

        void finished(FanOutOutcome<T> outcome);
    }

    /** A fan-out under way. */
    public interface Run<T> {
        /** Completes with every target's outcome, in the targets' order. */
        CompletableFuture<List<FanOutOutcome<T>>> outcomes();

        /** Stops everything: running commands are cancelled, waiting targets end as cancelled. */
        void cancel();
    }

    private FanOut() {
    }

    /**
     * @param timeout  how long each agent may run the command; null for the agent's default
     * @param parallel how many targets at most are connecting or running at once
     */
    public static <T> Run<T> start(List<T> targets, Connector<T> connector, String commandLine, Duration timeout,
            int parallel, Listener<T> listener) {
        if (targets.isEmpty()) {
            return new Run<>() {
                @Override
                public CompletableFuture<List<FanOutOutcome<T>>> outcomes() {
                    return CompletableFuture.completedFuture(List.of());
                }

                @Override
                public void cancel() {
                }
            };
        }
        return new FanOutRun<>(targets, connector, commandLine, timeout, parallel, listener);
    }

    private static final class FanOutRun<T> implements Run<T> {

        private final Connector<T> connector;
        private final String commandLine;
        private final Duration timeout;
        private final Listener<T> listener;
        private final ExecutorService pool;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final Map<Integer, CommandCall> running = new ConcurrentHashMap<>();
        private final CompletableFuture<List<FanOutOutcome<T>>> outcomes;

        FanOutRun(List<T> targets, Connector<T> connector, String commandLine, Duration timeout, int parallel,
                Listener<T> listener) {
            this.connector = connector;
            this.commandLine = commandLine;
            this.timeout = timeout;
            this.listener = listener;
            AtomicInteger threads = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, targets.size())), runnable -> {
                Thread thread = new Thread(runnable, "outpost-fanout-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            List<CompletableFuture<FanOutOutcome<T>>> each = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                T target = targets.get(i);
                int index = i;
                listener.status(target, FanOutStatus.WAITING);
                each.add(CompletableFuture.supplyAsync(() -> runOn(index, target), pool).thenApply(outcome -> {
                    listener.finished(outcome);
                    return outcome;
                }));
            }
            outcomes = CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> each.stream().map(CompletableFuture::join).toList());
            outcomes.whenComplete((done, error) -> pool.shutdown());
        }

        @Override
        public CompletableFuture<List<FanOutOutcome<T>>> outcomes() {
            return outcomes;
        }

        @Override
        public void cancel() {
            cancelled.set(true);
            running.values().forEach(CommandCall::cancel);
        }

        private FanOutOutcome<T> runOn(int index, T target) {
            long start = System.nanoTime();
            List<Output> output = new ArrayList<>();
            if (cancelled.get()) {
                return outcome(target, FanOutStatus.CANCELLED, null, start, output, "cancelled before it started");
            }
            listener.status(target, FanOutStatus.CONNECTING);
            try (Connection connection = connector.open(target)) {
                if (cancelled.get()) {
                    return outcome(target, FanOutStatus.CANCELLED, null, start, output, "cancelled before it started");
                }
                listener.status(target, FanOutStatus.RUNNING);
                CommandCall call = connection.session().execute(commandLine, timeout, chunk -> {
                    synchronized (output) {
                        output.add(chunk);
                    }
                    listener.output(target, chunk.text());
                });
                running.put(index, call);
                listener.started(target, call);
                if (cancelled.get()) {
                    call.cancel(); // cancel() ran between execute and put
                }
                Duration wait = (timeout == null ? Duration.ofMinutes(10) : timeout).plus(GRACE);
                Result result;
                try {
                    result = call.result().get(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    call.cancel();
                    return outcome(target, FanOutStatus.FAILED, null, start, output, "no result within " + wait.toSeconds() + " s");
                }
                return outcome(target, status(result), ran(result) ? result.exitCode() : null, start, output,
                        failure(result));
            } catch (IOException | RuntimeException e) {
                return outcome(target, FanOutStatus.UNREACHABLE, null, start, output,
                        e.getMessage() != null ? e.getMessage() : e.toString());
            } catch (ExecutionException e) {
                return outcome(target, FanOutStatus.FAILED, null, start, output, e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome(target, FanOutStatus.CANCELLED, null, start, output, "interrupted");
            } finally {
                running.remove(index);
            }
        }

        private FanOutOutcome<T> outcome(T target, FanOutStatus status, Integer exitCode, long start,
                List<Output> output, String error) {
            synchronized (output) {
                return new FanOutOutcome<>(target, status, exitCode, Duration.ofNanos(System.nanoTime() - start),
                        List.copyOf(output), error);
            }
        }

        private static FanOutStatus status(Result result) {
            if (result.status() == ResultStatus.CANCELLED) {
                return FanOutStatus.CANCELLED;
            }
            if (result.status() == ResultStatus.FORBIDDEN) {
                return FanOutStatus.FORBIDDEN;
            }
            return result.isOk() && result.exitCode() == 0 ? FanOutStatus.OK : FanOutStatus.FAILED;
        }

        private static boolean ran(Result result) {
            return result.status() == ResultStatus.OK || result.status() == ResultStatus.FAILED;
        }

        private static String failure(Result result) {
            if (result.status() == ResultStatus.CANCELLED) {
                return "cancelled";
            }
            if (!result.isOk()) {
                return result.message().isEmpty() ? result.status().toString().toLowerCase(java.util.Locale.ROOT)
                        : result.message();
            }
            return result.exitCode() == 0 ? null : "exit code " + result.exitCode();
        }
    }
}
