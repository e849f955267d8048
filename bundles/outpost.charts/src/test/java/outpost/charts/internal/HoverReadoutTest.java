package outpost.charts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import outpost.charts.ChartModel;
import outpost.charts.TimeSeries;
import outpost.charts.ValueUnit;

class HoverReadoutTest {

    @Test
    void eachSeriesReadsItsNearestSampleOrNoDataInAGap() {
        ChartModel model = new ChartModel("Network", ValueUnit.BYTES_PER_SECOND, Duration.ofSeconds(3));
        TimeSeries rx = model.series("rx");
        TimeSeries tx = model.series("tx");
        for (long t = 0; t <= 30_000; t += 3_000) {
            rx.add(t, 2048);
            tx.add(t, t < 15_000 ? 100 : Double.NaN);
        }
        List<TimeSeries> series = model.series();
        List<TimeSeries.Samples> samples = series.stream().map(each -> each.between(0, 30_000)).toList();

        assertEquals("[rx 2.0 KiB/s, tx 100 B/s]", HoverReadout.at(4_000, model, series, samples).toString());
        assertEquals("[rx 2.0 KiB/s, tx no data]", HoverReadout.at(20_000, model, series, samples).toString());
        assertEquals("[rx no data, tx no data]", HoverReadout.at(60_000, model, series, samples).toString(),
                "long after the last sample nothing is known");
    }

    @Test
    void aMinuteMeanIsReadAcrossItsMinuteASecondsReadingOnlyNearIt() {
        ChartModel model = new ChartModel("CPU", ValueUnit.PERCENT, Duration.ofSeconds(2));
        TimeSeries total = model.series("total");
        total.add(0, 40, 60_000);
        total.add(120_000, 50, 1_000);
        List<TimeSeries> series = model.series();
        List<TimeSeries.Samples> samples = List.of(total.between(0, 200_000));

        assertEquals("[total 40.0 %]", HoverReadout.at(50_000, model, series, samples).toString());
        assertEquals("[total 50.0 %]", HoverReadout.at(121_000, model, series, samples).toString());
        assertEquals("[total no data]", HoverReadout.at(125_000, model, series, samples).toString());
    }
}
