package outpost.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class MetricJsonTest {

    @Test
    void aSampleSurvivesTheRoundTrip() {
        MetricSample sample = Samples.at(1_765_000_000_123L, 42.5);

        assertEquals(sample, MetricJson.sample(MetricJson.toJson(sample)));
    }

    @Test
    void aHistorySurvivesTheRoundTrip() {
        MetricHistory history = new MetricHistory(1_000, 5_000, 1,
                List.of(Samples.at(1_000, 1), Samples.at(2_000, 2)));

        assertEquals(history, MetricJson.history(MetricJson.toJson(history)));
    }

    @Test
    void sectionsNotAskedForAreLeftOut() {
        String json = MetricJson.toJson(Samples.at(1_000, 1).only(EnumSet.of(Metric.CPU, Metric.RAM)));

        assertTrue(json.contains("\"cpu\":{\"totalPercent\":1.0"), json);
        assertTrue(json.contains("\"ram\":{\"usedBytes\":1024"), json);
        assertFalse(json.contains("disks"), json);
        assertFalse(json.contains("swap"), json);
        assertFalse(json.contains("\n"), json); // one line: one OUTPUT chunk per sample of a watch
    }

    @Test
    void aCpuBeforeItsFirstWindowHasNoTotal() {
        MetricSample sample = new MetricSample(1, new MetricSample.Cpu(null, List.of()), null, null, null, null, null);

        assertEquals("{\"time\":1,\"cpu\":{\"perCorePercent\":[]}}", MetricJson.toJson(sample));
        assertEquals(sample, MetricJson.sample(MetricJson.toJson(sample)));
    }

    @Test
    void fieldsAReaderDoesNotKnowAreIgnored() {
        MetricSample sample = MetricJson.sample("{\"time\":5,\"gpu\":{\"percent\":3},\"ram\":{\"usedBytes\":1,\"totalBytes\":2}}");

        assertEquals(new MetricSample(5, null, null, new MetricSample.Memory(1, 2), null, null, null), sample);
    }

    @Test
    void textThatIsNoSampleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MetricJson.sample("CPU: 3.0 % used"));
        assertThrows(IllegalArgumentException.class, () -> MetricJson.sample(""));
    }

    @Test
    void metricListsAreParsed() {
        assertEquals(EnumSet.of(Metric.CPU, Metric.RAM), Metric.parseList("cpu,ram"));
        assertEquals(EnumSet.of(Metric.DISK, Metric.NET), Metric.parseList(" disks net "));
        assertEquals(EnumSet.allOf(Metric.class), Metric.parseList(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.parseList("cpu,gpu"));
        assertTrue(e.getMessage().contains("'gpu'"));
    }
}
