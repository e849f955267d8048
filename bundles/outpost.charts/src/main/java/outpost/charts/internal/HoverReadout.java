package outpost.charts.internal;

import java.util.ArrayList;
import java.util.List;

import outpost.charts.ChartModel;
import outpost.charts.TimeSeries;

/**
 * The value of each series at a moment under the pointer: the nearest sample, if it is no further
 * away than half the pause a line bridges after a sample of its step (a minute's mean reaches
 * further than a second's reading) and not a gap; "no data" otherwise.
 */
public final class HoverReadout {

    /** One series' reading: its name and value as written, or "no data". */
    public record Reading(String series, String value, boolean known) {
        @Override
        public String toString() {
            return series + " " + value;
        }
    }

    private HoverReadout() {
    }

    public static List<Reading> at(long epochMillis, ChartModel model, List<TimeSeries> series,
            List<TimeSeries.Samples> samples) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            double value = valueAt(epochMillis, samples.get(i));
            readings.add(Double.isNaN(value) ? new Reading(series.get(i).name(), "no data", false)
                    : new Reading(series.get(i).name(), model.unit().format(value), true));
        }
        return readings;
    }

    /** The value at a moment, NaN if none is known there. */
    public static double valueAt(long epochMillis, TimeSeries.Samples samples) {
        int nearest = samples.nearest(epochMillis);
        if (nearest < 0
                || Math.abs(samples.times()[nearest] - epochMillis) > TimeSeries.bridgeMillis(samples.steps()[nearest]) / 2) {
            return Double.NaN;
        }
        return samples.values()[nearest];
    }
}
