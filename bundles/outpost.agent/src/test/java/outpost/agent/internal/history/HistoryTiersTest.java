package outpost.agent.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import outpost.metrics.MetricHistory;
import outpost.metrics.MetricSample;

class HistoryTiersTest {

    private static final long T0 = 1_765_000_020_000L - 1_765_000_020_000L % 60_000; // a minute's start

    @Test
    void aRecentRangeIsAnsweredBySecondsAndAnOlderOneByMinuteMeans() {
        HistoryTiers tiers = new HistoryTiers();
        long hours = 3;
        for (long second = 0; second < hours * 3600; second++) {
            tiers.record(sample(T0 + second * 1000, second % 60));
        }
        long now = T0 + hours * 3_600_000;

        MetricHistory recent = tiers.range(now - 60_000, now, now);
        MetricHistory hour = tiers.range(now - 3_600_000, now, now);
        MetricHistory old = tiers.range(T0 - 86_400_000, T0 + 600_000, now); // begins before anything was kept

        assertEquals(1, recent.stepSeconds());
        assertEquals(60, recent.samples().size());
        assertEquals(59.0, recent.samples().get(59).cpu().totalPercent());
        assertEquals(60, hour.stepSeconds());
        assertEquals(59, hour.samples().size(), "the minute in progress is not rolled up yet");
        assertTrue(hour.samples().stream().allMatch(minute -> minute.cpu().totalPercent() == 29.5), "means of 0..59");
        assertEquals(List.of(T0, T0 + 60_000), old.samples().stream().limit(2).map(MetricSample::time).toList());
        assertEquals(11, old.samples().size());
    }

    @Test
    void theTiersHoldTenMinutesOfSecondsAndADayOfMinutes() {
        HistoryTiers tiers = new HistoryTiers();
        long seconds = 25 * 3600;
        for (long second = 0; second < seconds; second += 1) {
            tiers.record(sample(T0 + second * 1000, 1));
        }
        long now = T0 + seconds * 1000;

        assertEquals(600, tiers.range(now - 600_000, now, now).samples().size());
        assertEquals(1440, tiers.range(now - 30 * 3_600_000L, now, now).samples().size());
    }

    @Test
    void theirMemoryStaysUnderTwoMebibytesEvenAtTheSeriesBound() {
        HistoryTiers tiers = new HistoryTiers();
        assertTrue(tiers.maxMemoryBytes() < 2 << 20, tiers.maxMemoryBytes() + " bytes");
    }

    private static MetricSample sample(long time, double cpu) {
        return new MetricSample(time, new MetricSample.Cpu(cpu, List.of(cpu, cpu)), new MetricSample.Load(1, 1, 1),
                new MetricSample.Memory(1 << 30, 8L << 30), new MetricSample.Memory(0, 0),
                List.of(new MetricSample.Disk("/", 1L << 34, 1L << 36)), List.of(new MetricSample.NetworkRate("eth0", 100, 10)));
    }
}
