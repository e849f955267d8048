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
    void readsThePercentagesOfTheAgentsAnswers() {
        assertEquals(12.5, MetricReadings.cpuPercent("CPU: 12.5 % used, 8 logical cores (4 physical)\nModel: x\n"));
        assertEquals(20.0, MetricReadings.ramPercent("RAM: 3.1 GiB used of 15.5 GiB (20.0 %), 12.4 GiB available\n"
                + "Swap: 0 B used of 2.0 GiB"));
        assertEquals(Double.NaN, MetricReadings.cpuPercent("CPU: n/a (sampling) used, 8 logical cores"));
        assertEquals(Double.NaN, MetricReadings.ramPercent("unknown command 'ram', try help"));
    }
}
