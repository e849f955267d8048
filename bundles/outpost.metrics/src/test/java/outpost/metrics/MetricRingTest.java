package outpost.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class MetricRingTest {

    private static final long T0 = 1_765_000_000_000L; // a whole minute

    @Test
    void keepsTheFiguresOfEachStep() {
        MetricRing ring = new MetricRing(10, Duration.ofSeconds(1), 64);
        ring.put(Samples.at(T0 + 250, 12.5));

        List<MetricSample> samples = ring.range(T0, T0 + 1000);

        assertEquals(List.of(Samples.at(T0 + 250, 12.5)), samples);
    }

    @Test
    void holdsAtMostItsCapacityAndWrapsOverTheOldest() {
        MetricRing ring = new MetricRing(10, Duration.ofSeconds(1), 64);
        for (int second = 0; second < 25; second++) {
            ring.put(Samples.at(T0 + second * 1000L, second));
        }

        List<MetricSample> samples = ring.range(T0, T0 + 60_000);

        assertEquals(10, samples.size());
        assertEquals(T0 + 15_000, samples.get(0).time());
        assertEquals(T0 + 24_000, samples.get(9).time());
        assertEquals(24.0, samples.get(9).cpu().totalPercent());
    }

    @Test
    void returnsOnlyTheRangeAsked() {
        MetricRing ring = new MetricRing(100, Duration.ofSeconds(1), 64);
        for (int second = 0; second < 20; second++) {
            ring.put(Samples.at(T0 + second * 1000L, second));
        }

        List<MetricSample> samples = ring.range(T0 + 5_000, T0 + 7_000);

        assertEquals(List.of(T0 + 5_000, T0 + 6_000, T0 + 7_000), samples.stream().map(MetricSample::time).toList());
        assertTrue(ring.range(T0 + 7_001, T0 + 7_999).isEmpty());
        assertTrue(ring.range(T0 - 10_000, T0 - 1).isEmpty());
    }

    @Test
    void aStepWithoutSampleIsAGap() {
        MetricRing ring = new MetricRing(100, Duration.ofSeconds(1), 64);
        ring.put(Samples.at(T0, 1));
        ring.put(Samples.at(T0 + 1_000, 2));
        // sampling stopped for 5 s
        ring.put(Samples.at(T0 + 7_000, 3));

        List<Long> times = ring.range(T0, T0 + 10_000).stream().map(MetricSample::time).toList();

        assertEquals(List.of(T0, T0 + 1_000, T0 + 7_000), times);
    }

    @Test
    void aSlotOverwrittenByALaterLapIsNotReturnedForTheOldTime() {
        MetricRing ring = new MetricRing(10, Duration.ofSeconds(1), 64);
        ring.put(Samples.at(T0, 1));
        ring.put(Samples.at(T0 + 10_000, 2)); // same slot, ten steps later

        assertEquals(List.of(T0 + 10_000), ring.range(T0, T0 + 20_000).stream().map(MetricSample::time).toList());
    }

    @Test
    void figuresMissingFromASampleAreMissingInItsStepOnly() {
        MetricRing ring = new MetricRing(10, Duration.ofSeconds(1), 64);
        ring.put(Samples.at(T0, 1));
        ring.put(new MetricSample(T0 + 1_000, null, null, new MetricSample.Memory(5, 10), null, null, null));

        List<MetricSample> samples = ring.range(T0, T0 + 1_000);

        assertEquals(Samples.at(T0, 1), samples.get(0));
        assertNull(samples.get(1).cpu());
        assertNull(samples.get(1).disks());
        assertEquals(new MetricSample.Memory(5, 10), samples.get(1).ram());
    }

    @Test
    void keepsNoMoreSeriesThanItsBoundAndDropsSeriesGoneForAWholeRing() {
        MetricRing ring = new MetricRing(10, Duration.ofSeconds(1), 3);
        ring.put(new MetricSample(T0, null, null, null, null, null, List.of(new MetricSample.NetworkRate("veth1", 1, 2),
                new MetricSample.NetworkRate("veth2", 3, 4))));
        assertEquals(3, ring.seriesCount()); // veth2's tx was not kept

        for (int second = 1; second <= 10; second++) {
            ring.put(new MetricSample(T0 + second * 1000L, null, null, new MetricSample.Memory(1, 2), null, null, null));
        }

        assertEquals(2, ring.seriesCount()); // only ram/used and ram/total: the interfaces left the ring
    }

    @Test
    void ignoresASampleOlderThanItsSpan() {
        MetricRing ring = new MetricRing(10, Duration.ofSeconds(1), 64);
        ring.put(Samples.at(T0 + 100_000, 2));
        ring.put(Samples.at(T0, 1));

        assertEquals(List.of(T0 + 100_000), ring.range(T0, T0 + 200_000).stream().map(MetricSample::time).toList());
    }

    @Test
    void memoryIsBoundedByItsShape() {
        MetricRing ring = new MetricRing(600, Duration.ofSeconds(1), 240);
        for (int second = 0; second < 1200; second++) {
            ring.put(Samples.at(T0 + second * 1000L, second));
        }
        long perSeries = 16 + 4 * 600 + 100;

        assertEquals(2 * (16 + 8 * 600) + ring.seriesCount() * perSeries, ring.memoryBytes());
        assertTrue(ring.memoryBytes() <= ring.maxMemoryBytes());
        assertEquals(2 * (16 + 8 * 600) + 240 * perSeries, ring.maxMemoryBytes());
    }
}
