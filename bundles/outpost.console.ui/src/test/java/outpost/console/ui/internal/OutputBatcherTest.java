package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import outpost.console.ui.internal.OutputBatcher.Chunk;

class OutputBatcherTest {

    @Test
    void onlyTheFirstChunkAfterADrainAsksForAFlush() {
        OutputBatcher batcher = new OutputBatcher();
        assertTrue(batcher.add("a", false));
        assertFalse(batcher.add("b", false));
        assertFalse(batcher.add("c", true));
        assertEquals(List.of(new Chunk("ab", false), new Chunk("c", true)), batcher.drain());
        assertEquals(List.of(), batcher.drain());
        assertTrue(batcher.add("d", false), "after a drain the next chunk needs a new flush");
    }

    @Test
    void keepsTheOrderOfInterleavedStreams() {
        OutputBatcher batcher = new OutputBatcher();
        batcher.add("out1 ", false);
        batcher.add("err1 ", true);
        batcher.add("out2", false);
        assertEquals(List.of(new Chunk("out1 ", false), new Chunk("err1 ", true), new Chunk("out2", false)), batcher.drain());
    }

    /** A million lines from four threads: nothing lost, and few flushes scheduled for them. */
    @Test
    void aFloodFromManyThreadsLosesNothingAndSchedulesFewFlushes() throws Exception {
        OutputBatcher batcher = new OutputBatcher();
        AtomicInteger flushes = new AtomicInteger();
        StringBuilder received = new StringBuilder();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 250_000; i++) {
                    if (batcher.add("x\n", false)) {
                        flushes.incrementAndGet();
                    }
                }
            });
            writers.add(writer);
            writer.start();
        }
        boolean running = true;
        while (running) {
            running = writers.stream().anyMatch(Thread::isAlive);
            batcher.drain().forEach(chunk -> received.append(chunk.text()));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        batcher.drain().forEach(chunk -> received.append(chunk.text()));
        assertEquals(2_000_000, received.length());
        assertTrue(flushes.get() < 1_000_000, "flushes are coalesced: " + flushes.get());
    }
}
