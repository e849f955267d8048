package outpost.charts.internal;

import java.util.ArrayList;
import java.util.List;

import outpost.charts.ChartModel;
import outpost.charts.TimeSeries;

/**
 * The legend's entries: each series' name and its current value, or a dash when there is none: no
 * sample yet, a gap last (the agent went away), or a sample older than a line would bridge. A
 * value the agent can no longer vouch for is never shown as current.
 */
public final class Legend {

    private Legend() {
    }

    public static List<String> entries(ChartModel model, List<TimeSeries> series, long now) {
        List<String> entries = new ArrayList<>();
        for (TimeSeries each : series) {
            double latest = each.isCurrent(now) ? each.latestValue() : Double.NaN;
            entries.add(each.name() + " " + (Double.isNaN(latest) ? "\u2014" : model.unit().format(latest)));
        }
        return entries;
    }
}
