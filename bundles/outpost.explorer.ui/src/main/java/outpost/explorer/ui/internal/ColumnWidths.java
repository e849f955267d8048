package outpost.explorer.ui.internal;

/**
 * Fits the explorer's columns into the width of the view. Columns of short values (port, status,
 * numbers) get the width of their longest text. Name and host share what is left: each as wide as
 * its longest text when the rest allows, and what one does not need goes to the other, so a name is
 * cut only when the view really is too narrow (a server without a name is called host:port, and
 * cut it could not be told from the next). Below their least width the columns overflow and the
 * tree scrolls sideways.
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
        boolean[] open = new boolean[natural.length];
        int rest = available;
        int needed = 0;
        for (int i = 0; i < natural.length; i++) {
            if (share[i] == 0) {
                widths[i] = natural[i];
                rest -= natural[i];
            } else {
                open[i] = true;
                needed += natural[i];
            }
        }
        if (needed <= rest) {
            // all fit: each shared column gets its text's width and its share of the room to spare
            double shares = sumOpen(share, open);
            int spare = rest - needed;
            for (int i = 0; i < natural.length; i++) {
                if (open[i]) {
                    widths[i] = Math.max(LEAST_SHARED, natural[i] + (int) (spare * share[i] / shares));
                }
            }
            return widths;
        }
        // too narrow: a column whose text is narrower than its share takes only its text's width,
        // and the others share what it leaves, until every remaining column needs more than its share
        boolean settled = false;
        while (!settled) {
            settled = true;
            double shares = sumOpen(share, open);
            for (int i = 0; i < natural.length; i++) {
                if (open[i] && natural[i] <= rest * share[i] / shares) {
                    widths[i] = Math.max(LEAST_SHARED, natural[i]);
                    rest -= widths[i];
                    open[i] = false;
                    settled = false;
                    break;
                }
            }
        }
        double shares = sumOpen(share, open);
        for (int i = 0; i < natural.length; i++) {
            if (open[i]) {
                widths[i] = Math.max(LEAST_SHARED, (int) (rest * share[i] / shares));
            }
        }
        return widths;
    }

    private static double sumOpen(double[] share, boolean[] open) {
        double sum = 0;
        for (int i = 0; i < share.length; i++) {
            if (open[i]) {
                sum += share[i];
            }
        }
        return sum;
    }
}
