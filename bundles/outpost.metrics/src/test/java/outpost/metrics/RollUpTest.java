package outpost.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RollUpTest {

    private static final long MINUTE = 1_765_000_020L * 1000 - (1_765_000_020L * 1000) % 60_000;

    @Test
    void averagesAMinuteWhenTheNextBegins() {
        RollUp rollUp = new RollUp(Duration.ofMinutes(1));
        for (int second = 0; second < 60; second++) {
            assertTrue(rollUp.add(Samples.at(MINUTE + second * 1000L, second)).isEmpty());
        }

        Optional<MetricSample> minute = rollUp.add(Samples.at(MINUTE + 60_000, 99));

        assertEquals(MINUTE, minute.orElseThrow().time());
        assertEquals(29.5, minute.get().cpu().totalPercent(), 1e-9); // the mean of 0..59
        assertEquals(List.of(29.5, 30.5), minute.get().cpu().perCorePercent());
        assertEquals(2950.0, minute.get().net().get(0).rxBytesPerSecond(), 1e-9);
        assertEquals(16L << 30, minute.get().ram().totalBytes());
    }

    @Test
    void aFigureMissingFromSomeSamplesIsTheMeanOfThoseThatHadIt() {
        RollUp rollUp = new RollUp(Duration.ofMinutes(1));
        rollUp.add(Samples.at(MINUTE, 10));
        rollUp.add(new MetricSample(MINUTE + 1000, null, null, new MetricSample.Memory(0, 16L << 30), null, null, null));

        MetricSample minute = rollUp.add(Samples.at(MINUTE + 60_000, 0)).orElseThrow();

        assertEquals(10.0, minute.cpu().totalPercent());
        assertEquals(5 * 1024, minute.ram().usedBytes());
    }

    @Test
    void aMinuteAfterAGapStillComesOutAndTheEmptyMinutesDoNot() {
        RollUp rollUp = new RollUp(Duration.ofMinutes(1));
        rollUp.add(Samples.at(MINUTE + 5_000, 4));

        Optional<MetricSample> late = rollUp.add(Samples.at(MINUTE + 3_600_000, 8)); // an hour without samples

        assertEquals(MINUTE, late.orElseThrow().time());
        assertEquals(4.0, late.get().cpu().totalPercent());
        assertEquals(MINUTE + 3_600_000, rollUp.add(Samples.at(MINUTE + 3_660_000, 1)).orElseThrow().time());
    }
}
