package outpost.explorer.ui.internal;

/**
 * Fits the explorer's columns into the width of the view: the columns of short values (port,
 * status, numbers) get the width of their longest text, the name and host columns share what is
 * left, so every column is visible at the usual window sizes. Below their least width the columns
 * overflow and the tree scrolls sideways.
 */
final class ColumnWidths {

    /** Least width of a shared (name, host) column. */
    static final int LEAST_SHARED = 60;

    private ColumnWidths() {
    }

    /**
     * @param available the tree's client width
     * @param natural   each column's width for its longest text (header included)
     * @param share     each column's share of the rest (0 for a column of short values)
     */
    static int[] fit(int available, int[] natural, double[] share) {
        int[] widths = new int[natural.length];
        int fixed = 0;
        double shares = 0;
        for (int i = 0; i < natural.length; i++) {
            if (share[i] == 0) {
                widths[i] = natural[i];
                fixed += natural[i];
            } else {
                shares += share[i];
            }
        }
        int rest = available - fixed;
        for (int i = 0; i < natural.length; i++) {
            if (share[i] != 0) {
                widths[i] = Math.max(LEAST_SHARED, (int) (rest * share[i] / shares));
            }
        }
        return widths;
    }
}
