package outpost.explorer.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;

import outpost.explorer.ui.internal.live.LiveState;
import outpost.servers.Server;

/**
 * Sorts groups by name ("(no group)" last) and the servers of a group by the chosen column,
 * ascending or descending; a descending sort keeps servers without a value last.
 */
final class ServerComparator extends ViewerComparator {

    private final Function<Server, LiveState> live;
    private ExplorerColumn column = ExplorerColumn.NAME;
    private int direction = SWT.UP;

    ServerComparator(Function<Server, LiveState> live) {
        this.live = live;
    }

    /** Sorts by the column; choosing the sorted column again reverses the order. */
    void sortBy(ExplorerColumn chosen) {
        direction = chosen == column && direction == SWT.UP ? SWT.DOWN : SWT.UP;
        column = chosen;
    }

    ExplorerColumn column() {
        return column;
    }

    /** SWT.UP or SWT.DOWN, as Tree.setSortDirection takes it. */
    int direction() {
        return direction;
    }

    @Override
    public int category(Object element) {
        return element instanceof ServerGroup group && group.name().isEmpty() ? 1 : 0;
    }

    @Override
    public int compare(Viewer viewer, Object first, Object second) {
        if (first instanceof ServerGroup a && second instanceof ServerGroup b) {
            int byCategory = Integer.compare(category(a), category(b));
            return byCategory != 0 ? byCategory : a.name().compareToIgnoreCase(b.name());
        }
        if (first instanceof Server a && second instanceof Server b) {
            ExplorerColumn.Row rowA = new ExplorerColumn.Row(a, live.apply(a));
            ExplorerColumn.Row rowB = new ExplorerColumn.Row(b, live.apply(b));
            int order = column.order().compare(rowA, rowB);
            if (direction == SWT.DOWN && !(missing(rowA) || missing(rowB))) {
                order = -order;
            }
            return order;
        }
        return 0;
    }

    /** Whether the row has no value in a live column (kept last either way). */
    private boolean missing(ExplorerColumn.Row row) {
        return row.live() == null && column.ordinal() >= ExplorerColumn.STATUS.ordinal();
    }
}
