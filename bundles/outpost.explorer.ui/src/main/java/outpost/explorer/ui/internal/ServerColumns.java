package outpost.explorer.ui.internal;

import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;

import outpost.explorer.ui.internal.live.LiveState;
import outpost.explorer.ui.internal.live.LiveStatus;
import outpost.servers.Server;

/**
 * The tree's columns: their labels, sorting on a header click, and widths fitted to the view
 * ({@link ColumnWidths}) whenever the tree is resized or its texts change.
 */
final class ServerColumns {

    /** Room for a cell's margins. */
    private static final int CELL_PADDING = 12;
    /** Room for a header's margins and its sort arrow. */
    private static final int HEADER_PADDING = 28;

    private final TreeViewer viewer;
    private final Function<Server, LiveState> live;
    private final ServerComparator comparator;
    private final Predicate<Server> inAlert;
    /** The Host column's text: the address, or for a broker's agent the host name it announced. */
    private final Function<Server, String> hostName;
    /** The background of a server row with an open alert (a light red that keeps text readable). */
    private final Color alertBackground;
    /**
     * The widths the rows' texts need in the columns that do not follow live states (name, host),
     * by column; measured again only when the rows change: measuring a tree's cells costs the UI
     * thread a GTK call per row, and live states change every refresh.
     */
    private int[] rowTextWidths;
    /** Text widths of the live columns' texts (a few distinct ones: "online", "3 of 5 online", ...). */
    private final java.util.Map<String, Integer> liveTextWidths = new java.util.HashMap<>();

    ServerColumns(TreeViewer viewer, Function<Server, LiveState> live, ServerComparator comparator,
            Predicate<Server> inAlert, Function<Server, String> hostName) {
        this.viewer = viewer;
        this.live = live;
        this.comparator = comparator;
        this.inAlert = inAlert;
        this.hostName = hostName;
        this.alertBackground = new Color(255, 214, 214);
        for (ExplorerColumn column : ExplorerColumn.values()) {
            add(column);
        }
        Tree tree = viewer.getTree();
        tree.setSortColumn(tree.getColumn(0));
        tree.setSortDirection(SWT.UP);
        tree.addListener(SWT.Resize, event -> fit());
        // expanding shows rows whose names may be wider; the items exist once the event is over
        Listener rowsShown = event -> tree.getDisplay().asyncExec(() -> {
            if (!tree.isDisposed()) {
                refit();
            }
        });
        tree.addListener(SWT.Expand, rowsShown);
        tree.addListener(SWT.Collapse, rowsShown);
    }

    private void add(ExplorerColumn column) {
        TreeViewerColumn viewerColumn = new TreeViewerColumn(viewer, column == ExplorerColumn.PORT ? SWT.RIGHT : SWT.LEFT);
        TreeColumn treeColumn = viewerColumn.getColumn();
        treeColumn.setText(column.title());
        treeColumn.setWidth(ColumnWidths.LEAST_SHARED);
        treeColumn.setMoveable(true);
        viewerColumn.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                if (element instanceof ServerGroup group) {
                    return groupText(group, column);
                }
                Server server = (Server) element;
                return column == ExplorerColumn.HOST ? hostName.apply(server) : column.text(server, live.apply(server));
            }

            @Override
            public String getToolTipText(Object element) {
                LiveState state = element instanceof Server server ? live.apply(server) : null;
                return state == null ? null : state.reason();
            }

            @Override
            public Color getBackground(Object element) {
                return element instanceof Server server && inAlert.test(server) ? alertBackground : null;
            }

            @Override
            public Image getImage(Object element) {
                if (column != ExplorerColumn.NAME) {
                    return null;
                }
                ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
                return images.getImage(element instanceof ServerGroup ? ISharedImages.IMG_OBJ_FOLDER : ISharedImages.IMG_OBJ_ELEMENT);
            }
        });
        treeColumn.addListener(SWT.Selection, event -> {
            comparator.sortBy(column);
            viewer.getTree().setSortColumn(treeColumn);
            viewer.getTree().setSortDirection(comparator.direction());
            viewer.refresh();
        });
    }

    private String groupText(ServerGroup group, ExplorerColumn column) {
        if (column == ExplorerColumn.NAME) {
            return group.label();
        }
        if (column == ExplorerColumn.STATUS) {
            long monitored = group.servers().stream().filter(server -> live.apply(server) != null).count();
            long online = group.servers().stream()
                    .filter(server -> live.apply(server) != null && live.apply(server).status().online()).count();
            return monitored == 0 ? "" : online + " of " + group.servers().size() + " online";
        }
        return "";
    }

    /** Fits the widths again after the rows changed (the list, a group expanded or collapsed). */
    void refit() {
        rowTextWidths = null;
        fit();
    }

    /** Fits the widths again after live states changed: only the live columns' texts are measured. */
    void refitLive() {
        fit();
    }

    /** Columns of short values as wide as their longest text, name and host sharing the rest. */
    private void fit() {
        Tree tree = viewer.getTree();
        int available = tree.getClientArea().width;
        if (available <= 0) {
            return;
        }
        ExplorerColumn[] columns = ExplorerColumn.values();
        boolean measureRows = rowTextWidths == null;
        if (measureRows) {
            rowTextWidths = new int[columns.length];
        }
        int[] natural = new int[columns.length];
        double[] share = new double[columns.length];
        GC gc = new GC(tree);
        try {
            for (int i = 0; i < columns.length; i++) {
                int widest = gc.textExtent(columns[i].title()).x + HEADER_PADDING;
                for (String sample : columns[i].samples()) {
                    widest = Math.max(widest, gc.textExtent(sample).x + CELL_PADDING);
                }
                if (columns[i].samples().isEmpty() && columns[i].followsLiveState()) {
                    widest = Math.max(widest, widestLiveText(tree.getItems(), i, gc));
                } else if (columns[i].samples().isEmpty()) {
                    if (measureRows) {
                        rowTextWidths[i] = widestCell(tree.getItems(), i, gc);
                    }
                    widest = Math.max(widest, rowTextWidths[i]);
                }
                natural[i] = widest;
                share[i] = columns[i].share();
            }
        } finally {
            gc.dispose();
        }
        int[] widths = ColumnWidths.fit(available, natural, share);
        for (int i = 0; i < columns.length; i++) {
            if (tree.getColumn(i).getWidth() != widths[i]) {
                tree.getColumn(i).setWidth(widths[i]);
            }
        }
    }

    /**
     * The width the rows' texts need in a column, the first column's indent and icon included. Rows
     * of one level share their indent, so it is asked of the first row only: a GTK call per row was
     * a good part of building a broker's 2,000 rows.
     */
    private static int widestCell(TreeItem[] items, int column, GC gc) {
        int widest = 0;
        int indent = column == 0 && items.length > 0
                ? Math.max(0, items[0].getTextBounds(0).x - columnStart(items[0].getParent(), 0)) : 0;
        for (TreeItem item : items) {
            widest = Math.max(widest, indent + gc.textExtent(item.getText(column)).x + CELL_PADDING);
            if (item.getExpanded()) {
                widest = Math.max(widest, widestCell(item.getItems(), column, gc));
            }
        }
        return widest;
    }

    /** The width a live column's texts need: texts repeat, so each distinct one is measured once. */
    private int widestLiveText(TreeItem[] items, int column, GC gc) {
        int widest = 0;
        for (TreeItem item : items) {
            String text = item.getText(column);
            widest = Math.max(widest, liveTextWidths.computeIfAbsent(text, t -> gc.textExtent(t).x) + CELL_PADDING);
            if (item.getExpanded()) {
                widest = Math.max(widest, widestLiveText(item.getItems(), column, gc));
            }
        }
        return widest;
    }

    /** Where a column starts in the tree: the widths of the columns shown before it (they can be moved). */
    private static int columnStart(Tree tree, int column) {
        int start = 0;
        for (int index : tree.getColumnOrder()) {
            if (index == column) {
                break;
            }
            start += tree.getColumn(index).getWidth();
        }
        return start;
    }
}
