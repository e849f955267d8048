package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import outpost.console.ui.internal.MetricHistory.Sample;

class MetricHistoryTest {

    @Test
    void keepsTheNewestSamplesOldestFirstOnceTheRingIsFull() {
        MetricHistory history = new MetricHistory(3);
        assertEquals(0, history.samples().length);
        assertNull(history.latest());
        for (long t = 1; t <= 5; t++) {
            history.add(new Sample(t, t * 10, t));
        }
        assertArrayEquals(new long[] { 3, 4, 5 },
                java.util.Arrays.stream(history.samples()).mapToLong(Sample::epochMillis).toArray());
        assertEquals(50.0, history.latest().cpu());
    }

    @Test
    void beforeTheRingIsFullItHoldsWhatCame() {
        MetricHistory history = new MetricHistory(100);
        LongStream.rangeClosed(1, 7).forEach(t -> history.add(new Sample(t, 1, 2)));
        assertEquals(7, history.samples().length);
        assertEquals(1, history.samples()[0].epochMillis());
    }

    @Test
    void aRingOfOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MetricHistory(1));
    }

    @Test
    void readsThePercentagesOfTheAgentsMachineForm() {
        MetricHistory.Sample sample = MetricReadings.sample("{\"time\":1,\"cpu\":{\"totalPercent\":12.5,\"perCorePercent\":[12.5]},"
                + "\"ram\":{\"usedBytes\":1073741824,\"totalBytes\":4294967296}}", 99);
        assertEquals(new MetricHistory.Sample(99, 12.5, 25.0), sample);
        assertEquals(Double.NaN, MetricReadings.sample("{\"time\":1,\"ram\":{\"usedBytes\":0,\"totalBytes\":0}}", 1).ram());
        assertThrows(IllegalArgumentException.class, () -> MetricReadings.sample("CPU: 12.5 % used", 1));
    }
}
