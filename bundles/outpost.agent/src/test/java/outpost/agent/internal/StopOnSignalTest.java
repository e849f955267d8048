package outpost.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class StopOnSignalTest {

    @Test
    void stopsTheAgentFirstThenHoldsTheJvmUntilTheFrameworkHasStopped() {
        List<String> steps = new CopyOnWriteArrayList<>();
        StopOnSignal.stopAndWait(() -> steps.add("agent stop requested"),
                limit -> steps.add("framework stop awaited for " + limit.toSeconds() + " s"), Duration.ofSeconds(10));
        assertEquals(List.of("agent stop requested", "framework stop awaited for 10 s"), steps);
    }

    @Test
    void anInterruptedWaitEndsTheHookAndKeepsTheInterrupt() throws InterruptedException {
        boolean[] interrupted = new boolean[1];
        Thread hook = new Thread(() -> {
            StopOnSignal.stopAndWait(() -> {
            }, limit -> {
                throw new InterruptedException("JVM exiting");
            }, Duration.ofSeconds(10));
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        hook.start();
        hook.join(10_000);
        assertTrue(interrupted[0]);
    }
}
