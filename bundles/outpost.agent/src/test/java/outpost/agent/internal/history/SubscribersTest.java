package outpost.agent.internal.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import outpost.agent.internal.commands.StreamingCommand;
import outpost.metrics.Metric;
import outpost.metrics.MetricJson;
import outpost.metrics.MetricSample;

class SubscribersTest {

    private static final long T0 = 1_765_000_000_000L;

    private final Subscribers subscribers = new Subscribers();

    @Test
    void aSubscriberGetsOneLinePerIntervalWithTheSectionsItAskedFor() {
        Output output = new Output();
        subscribers.add(Duration.ofSeconds(2), EnumSet.of(Metric.RAM), output);

        for (int second = 0; second < 7; second++) {
            // the sampler's period drifts a little: 1,003 ms here
            subscribers.deliver(sample(T0 + second * 1003L));
        }

        assertEquals(4, output.lines.size(), output.lines.toString()); // seconds 0, 2, 4, 6
        MetricSample first = MetricJson.sample(output.lines.get(0));
        assertEquals(T0, first.time());
        assertEquals(new MetricSample.Memory(1, 2), first.ram());
        assertEquals(null, first.cpu());
        assertTrue(output.lines.stream().allMatch(line -> line.endsWith("\n") && line.indexOf('\n') == line.length() - 1));
    }

    @Test
    void samplesALoadedMachineDeliversLateAndBunchedAreAllSentButAStallDoesNotCauseABurst() {
        Output output = new Output();
        subscribers.add(Duration.ofSeconds(1), EnumSet.of(Metric.RAM), output);
        long[] times = { 0, 1_000, 2_900, 3_000, 4_000, 9_000, 9_100, 10_000 };
        for (long time : times) {
            subscribers.deliver(sample(T0 + time));
        }

        List<Long> sent = output.lines.stream().map(line -> MetricJson.sample(line).time() - T0).toList();
        assertEquals(List.of(0L, 1_000L, 2_900L, 3_000L, 4_000L, 9_000L, 10_000L), sent);
    }

    @Test
    void closingTheSubscriptionEndsItsSamples() {
        Output output = new Output();
        StreamingCommand.Subscription subscription = subscribers.add(Duration.ofSeconds(1), EnumSet.allOf(Metric.class), output);
        subscribers.deliver(sample(T0));

        subscription.close();
        subscribers.deliver(sample(T0 + 1000));

        assertEquals(1, output.lines.size());
        assertEquals(0, subscribers.count());
    }

    @Test
    void aSlowClientsSamplesAreDroppedNotQueuedAndItGetsTheNewestWhenItCatchesUp() {
        Output slow = new Output();
        Output fast = new Output();
        subscribers.add(Duration.ofSeconds(1), EnumSet.of(Metric.CPU), slow);
        subscribers.add(Duration.ofSeconds(1), EnumSet.of(Metric.CPU), fast);

        slow.keepsUp = false;
        for (int second = 0; second < 1000; second++) {
            subscribers.deliver(sample(T0 + second * 1000L));
        }
        slow.keepsUp = true;
        subscribers.deliver(sample(T0 + 1_000_000));

        assertEquals(1, slow.lines.size(), "nothing was kept for the slow client");
        assertEquals(T0 + 1_000_000, MetricJson.sample(slow.lines.get(0)).time());
        assertEquals(1001, fast.lines.size(), "the other subscriber got every sample");
        assertArrayEquals(new long[] { 1000, 0 }, subscribers.dropped());
    }

    private static MetricSample sample(long time) {
        return new MetricSample(time, new MetricSample.Cpu(5.0, List.of(5.0)), null, new MetricSample.Memory(1, 2), null,
                null, null);
    }

    private static final class Output implements StreamingCommand.StreamOutput {
        final List<String> lines = new ArrayList<>();
        boolean keepsUp = true;

        @Override
        public void send(String text) {
            lines.add(text);
        }

        @Override
        public boolean peerKeepsUp() {
            return keepsUp;
        }
    }
}
