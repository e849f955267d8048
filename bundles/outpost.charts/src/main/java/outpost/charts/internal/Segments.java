package outpost.charts.internal;

import java.util.ArrayList;
import java.util.List;

import outpost.charts.TimeSeries;

/**
 * Where a series' line is broken: at a missing value (NaN: the agent did not answer) and between
 * two samples further apart than the coarser of their steps lets a line bridge (nothing came in
 * between): a pause of two minutes breaks a line of one-second samples, not one of minute means.
 */
public final class Segments {

    /** Samples {@code from} (inclusive) to {@code to} (exclusive) drawn as one line. */
    public record Segment(int from, int to) {
        public int size() {
            return to - from;
        }
    }

    private Segments() {
    }

    public static List<Segment> split(TimeSeries.Samples samples) {
        double[] values = samples.values();
        int count = samples.count();
        List<Segment> segments = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(values[i])) {
                if (start >= 0) {
                    segments.add(new Segment(start, i));
                    start = -1;
                }
                continue;
            }
            if (start >= 0 && !samples.joinedToPrevious(i)) {
                segments.add(new Segment(start, i));
                start = -1;
            }
            if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            segments.add(new Segment(start, count));
        }
        return segments;
    }
}
