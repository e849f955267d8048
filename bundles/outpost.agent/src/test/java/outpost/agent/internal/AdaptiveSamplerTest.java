package outpost.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sampler's schedule on a virtual clock: no sleeping, every sample accounted for. */
class AdaptiveSamplerTest {

    private VirtualTimer timer;
    private List<Long> samples;
    private AdaptiveSampler sampler;

    @BeforeEach
    void start() {
        timer = new VirtualTimer();
        samples = new ArrayList<>();
        sampler = new AdaptiveSampler(() -> samples.add(timer.elapsed()), timer, () -> timer.now);
        sampler.start();
    }

    @Test
    void withNobodyAskingItSamplesOnceAfterOneSecondThenEveryFifteen() {
        timer.advance(seconds(61));
        assertEquals(List.of(seconds(1), seconds(16), seconds(31), seconds(46), seconds(61)), samples);
        assertEquals(AdaptiveSampler.SLOW_PERIOD, sampler.currentPeriod());
    }

    @Test
    void aRequestDuringTheSlowWaitBringsTheNextSampleToOneSecondLater() {
        timer.advance(seconds(5)); // sampled at 1 s, next due at 16 s
        sampler.demand();
        timer.advance(seconds(4));
        assertEquals(List.of(seconds(1), seconds(6), seconds(7), seconds(8), seconds(9)), samples);
        assertEquals(AdaptiveSampler.FAST_PERIOD, sampler.currentPeriod());
    }

    @Test
    void itStaysFastForAMinuteAfterTheLastRequestThenSlowsDown() {
        timer.advance(seconds(2));
        sampler.demand(); // at 2 s: fast until 62 s
        timer.advance(seconds(30));
        sampler.demand(); // at 32 s: fast until 92 s
        samples.clear();
        timer.advance(seconds(150)); // to 182 s
        List<Long> expected = new ArrayList<>();
        for (long at = 33; at <= 92; at++) {
            expected.add(seconds(at));
        }
        expected.add(seconds(107)); // the sample at 92 s found the demand a minute old
        expected.add(seconds(122));
        expected.add(seconds(137));
        expected.add(seconds(152));
        expected.add(seconds(167));
        expected.add(seconds(182));
        assertEquals(expected, samples);
    }

    @Test
    void requestsWhileFastDoNotAddSamples() {
        sampler.demand();
        for (int i = 0; i < 100; i++) {
            timer.advance(Duration.ofMillis(100).toNanos());
            sampler.demand();
        }
        assertEquals(10, samples.size()); // 10 s at one a second, whatever the number of requests
        assertEquals(1, timer.tasks.size(), "exactly one sample pending");
    }

    @Test
    void aRequestWhileTheSlowSampleRunsStartsNoSecondChain() {
        timer.advance(seconds(2)); // slow: next due at 16 s
        sampler = new AdaptiveSampler(() -> {
            samples.add(timer.elapsed());
            sampler.demand(); // a client asks while this sample is being taken
        }, timer, () -> timer.now);
        timer.tasks.clear();
        samples.clear();
        sampler.start();
        timer.advance(seconds(10));
        assertEquals(10, samples.size());
        assertEquals(1, timer.tasks.size(), "exactly one sample pending");
    }

    @Test
    void aFailingSampleKeepsTheScheduleGoing() {
        List<Long> attempts = new ArrayList<>();
        timer.tasks.clear();
        sampler = new AdaptiveSampler(() -> {
            attempts.add(timer.elapsed());
            throw new IllegalStateException("/proc unreadable");
        }, timer, () -> timer.now);
        sampler.start();
        timer.advance(seconds(31));
        assertEquals(List.of(seconds(1), seconds(16), seconds(31)), attempts);
    }

    @Test
    void whileFastASampleThatTakesTimeDoesNotPushTheNextOnesLater() {
        timer.tasks.clear();
        samples.clear();
        sampler = new AdaptiveSampler(() -> {
            samples.add(timer.elapsed());
            timer.now += TimeUnit.MILLISECONDS.toNanos(7); // reading the counters takes 7 ms
        }, timer, () -> timer.now);
        sampler.start();
        sampler.demand();
        timer.advance(seconds(5));
        assertEquals(List.of(seconds(1), seconds(2), seconds(3), seconds(4), seconds(5)), samples);
    }

    @Test
    void whileFastASampleThatRanLateSkipsABeatInsteadOfFollowingAtOnce() {
        timer.tasks.clear();
        samples.clear();
        List<Long> lateBy = new ArrayList<>(List.of(0L, 900L, 0L, 0L, 0L, 0L));
        sampler = new AdaptiveSampler(() -> {
            samples.add(timer.elapsed());
            timer.now += TimeUnit.MILLISECONDS.toNanos(lateBy.isEmpty() ? 0 : lateBy.remove(0)); // the second takes 900 ms
        }, timer, () -> timer.now);
        sampler.start();
        sampler.demand();
        timer.advance(seconds(5));
        assertEquals(List.of(seconds(1), seconds(2), seconds(4), seconds(5)), samples, "no sample 100 ms after the slow one");
    }

    @Test
    void stopCancelsThePendingSample() {
        timer.advance(seconds(1));
        sampler.stop();
        sampler.demand();
        timer.advance(seconds(60));
        assertEquals(List.of(seconds(1)), samples);
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    /** A single-threaded timer on a virtual clock: advance() runs what falls due, in order. */
    private static final class VirtualTimer implements AdaptiveSampler.Timer {
        private static final long ORIGIN = -3_000_000_000L; // System.nanoTime may be negative: the sampler only subtracts
        long now = ORIGIN;
        final List<Task> tasks = new ArrayList<>();

        long elapsed() {
            return now - ORIGIN;
        }

        private record Task(long due, Runnable runnable, CompletableFuture<Void> future) {
        }

        @Override
        public Future<?> schedule(Runnable runnable, long delay, TimeUnit unit) {
            Task task = new Task(now + unit.toNanos(delay), runnable, new CompletableFuture<>());
            tasks.add(task);
            return task.future;
        }

        void advance(long nanos) {
            long until = now + nanos;
            while (true) {
                tasks.removeIf(task -> task.future.isCancelled());
                Task next = tasks.stream().min(Comparator.comparingLong(Task::due)).orElse(null);
                if (next == null || next.due > until) {
                    break;
                }
                tasks.remove(next);
                now = next.due;
                next.runnable.run();
                next.future.complete(null);
            }
            now = until;
        }
    }
}
