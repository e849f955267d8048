package outpost.charts.internal;

import java.util.Arrays;

/**
 * The points of a line through samples already in pixels, at most four per pixel column (the
 * column's first, highest, lowest and last), so that a day of samples costs as much to draw as
 * the chart's width, and a spike within a column is still drawn.
 */
public final class ColumnPolyline {

    private ColumnPolyline() {
    }

    /** {@code xs} ascending; returns x0, y0, x1, y1, ... for {@code GC.drawPolyline}. */
    public static int[] points(int[] xs, int[] ys) {
        int[] points = new int[xs.length * 2 + 8];
        int used = 0;
        int i = 0;
        while (i < xs.length) {
            int column = xs[i];
            int first = ys[i];
            int top = first;
            int bottom = first;
            int last = first;
            int j = i + 1;
            for (; j < xs.length && xs[j] == column; j++) {
                top = Math.min(top, ys[j]);
                bottom = Math.max(bottom, ys[j]);
                last = ys[j];
            }
            if (points.length < used + 8) {
                points = Arrays.copyOf(points, points.length * 2);
            }
            used = add(points, used, column, first);
            if (top != bottom) {
                // the extremes in the order that keeps the line short: towards the last point second
                boolean endsLow = last >= first;
                used = add(points, used, column, endsLow ? top : bottom);
                used = add(points, used, column, endsLow ? bottom : top);
            }
            if (j - i > 1) {
                used = add(points, used, column, last);
            }
            i = j;
        }
        return Arrays.copyOf(points, used);
    }

    private static int add(int[] points, int used, int x, int y) {
        points[used] = x;
        points[used + 1] = y;
        return used + 2;
    }
}
