package outpost.charts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import outpost.charts.ChartModel;
import outpost.charts.ValueUnit;

class LegendTest {

    @Test
    void theLatestValueIsCurrentOnlyUntilTheAgentWentAwayOrFellSilent() {
        ChartModel model = new ChartModel("RAM", ValueUnit.BYTES, Duration.ofSeconds(3));
        model.series("used");
        assertEquals(List.of("used \u2014"), Legend.entries(model, model.series(), 1_000), "no sample yet");
        model.series("used").add(10_000, 3 * 1024 * 1024);
        assertEquals(List.of("used 3.0 MiB"), Legend.entries(model, model.series(), 12_000));
        assertEquals(List.of("used \u2014"), Legend.entries(model, model.series(), 18_000),
                "a sample older than 2.5 intervals is not current");
        model.gapAt(13_000);
        assertEquals(List.of("used \u2014"), Legend.entries(model, model.series(), 13_000), "the agent went away");
    }
}
