package outpost.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import outpost.testing.Conditions;

/** Ctrl+C during a run, as the shutdown hook does it: once {@code running} commands run, cancel them all. */
final class CtrlC {

    private CtrlC() {
    }

    /** Runs the arguments, presses Ctrl+C once {@code running} commands have started; the run's output (exit 1 checked). */
    static String cancelOnceRunning(ClientServices services, CliArguments arguments, int running) throws Exception {
        CancelOnExit cancelOnExit = new CancelOnExit();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return CliRun.run(services, arguments, print(out), print(new ByteArrayOutputStream()), cancelOnExit);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Conditions.waitUntil(running + " commands started", () -> cancelOnExit.runningCount() == running,
                    Duration.ofSeconds(20));
            cancelOnExit.cancelAll();
            assertEquals(1, exit.get(15, TimeUnit.SECONDS));
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            cancelOnExit.close();
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
