package outpost.explorer.ui.internal.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a sparkline's points go in a cell: values 0-100 from the bottom to the top, oldest at the
 * left; a run of NaN (no sample: not watched, or the agent away) breaks the line, so a gap shows.
 */
final class Sparkline {

    private Sparkline() {
    }

    /**
     * @return polylines as SWT's GC.drawPolyline takes them (x0, y0, x1, y1, ...); a lone value is a
     *         two-point line one pixel long, so that it shows
     */
    static List<int[]> polylines(float[] percents, int x, int y, int width, int height) {
        List<int[]> lines = new ArrayList<>();
        if (percents.length == 0 || width <= 1 || height <= 1) {
            return lines;
        }
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < percents.length; i++) {
            if (Float.isNaN(percents[i])) {
                flush(current, lines);
                continue;
            }
            double clamped = Math.max(0, Math.min(100, percents[i]));
            int px = x + (int) Math.round((double) i * (width - 1) / Math.max(1, percents.length - 1));
            int py = y + (height - 1) - (int) Math.round(clamped * (height - 1) / 100.0);
            current.add(px);
            current.add(py);
        }
        flush(current, lines);
        return lines;
    }

    private static void flush(List<Integer> current, List<int[]> lines) {
        if (current.isEmpty()) {
            return;
        }
        if (current.size() == 2) {
            current.add(current.get(0) + 1);
            current.add(current.get(1));
        }
        lines.add(current.stream().mapToInt(Integer::intValue).toArray());
        current.clear();
    }
}
