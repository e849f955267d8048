package outpost.explorer.ui.internal.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.ViewPart;

import outpost.alerts.AlertChange;
import outpost.console.ui.ConsoleEditors;
import outpost.console.ui.UiThread;
import outpost.explorer.ui.internal.alerts.AlertCenter;
import outpost.explorer.ui.internal.live.FleetWatch;
import outpost.explorer.ui.internal.live.LiveStatus;
import outpost.servers.Server;

/**
 * Window > Show View > Dashboard: every server of the list, or of one group, on one screen with
 * status, CPU, RAM and the last hour of CPU, worst first; a double-click opens the console. It
 * shows what the Server Explorer watches (Connect All) and repaints at most twice a second.
 */
public final class DashboardView extends ViewPart {

    public static final String ID = "outpost.explorer.ui.dashboard";
    public static final String WIDGET_ID = "outpost.widget";
    private static final ILog LOG = ILog.of(DashboardView.class);
    private static final String ALL_GROUPS = "All servers";
    /** Least time between two repaints: with 200 servers changing every second the UI thread stays free. */
    private static final int REFRESH_GAP_MILLIS = 500;

    private FleetWatch watch;
    private AlertCenter alerts;
    private UiThread uiThread;
    private TableViewer viewer;
    private Combo groups;
    private Label summary;
    private Button connectAll;
    private Comparator<DashboardRow> order = DashboardColumn.WORST_FIRST;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final Runnable fleetChanged = this::refreshSoon;
    private final Consumer<List<AlertChange>> alertsChanged = changes -> refreshSoon();

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(4, 2).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(2, 2).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        groups = new Combo(bar, SWT.READ_ONLY);
        groups.setData(WIDGET_ID, "dashboard.group");
        groups.setItems(ALL_GROUPS);
        groups.select(0);
        groups.addListener(SWT.Selection, event -> refresh());
        summary = new Label(bar, SWT.NONE);
        summary.setData(WIDGET_ID, "dashboard.summary");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(summary);
        connectAll = new Button(bar, SWT.PUSH);
        connectAll.setData(WIDGET_ID, "dashboard.connectAll");
        connectAll.setText("Connect All");
        connectAll.setToolTipText("Watch every server of the list (as the Server Explorer's Connect All)");
        connectAll.addListener(SWT.Selection, event -> runCommand("outpost.server.connectAll"));

        viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(WIDGET_ID, "dashboard.table");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        Color alertBackground = new Color(255, 214, 214);
        for (DashboardColumn column : DashboardColumn.values()) {
            addColumn(column, alertBackground);
        }
        viewer.addOpenListener(event -> openSelected());
        uiThread = new UiThread(viewer.getControl());

        watch = getSite().getService(FleetWatch.class);
        alerts = getSite().getService(AlertCenter.class);
        if (watch == null) {
            summary.setText("The dashboard is not available: the fleet service is not running.");
            return;
        }
        watch.addListener(fleetChanged);
        if (alerts != null) {
            alerts.addListener(alertsChanged);
        }
        refresh();
    }

    private void addColumn(DashboardColumn column, Color alertBackground) {
        TableViewerColumn viewerColumn = new TableViewerColumn(viewer,
                column == DashboardColumn.CPU || column == DashboardColumn.RAM || column == DashboardColumn.NETWORK ? SWT.RIGHT : SWT.LEFT);
        TableColumn tableColumn = viewerColumn.getColumn();
        tableColumn.setText(column.title());
        tableColumn.setWidth(column.width());
        tableColumn.setMoveable(true);
        viewerColumn.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return column.text((DashboardRow) element);
            }

            @Override
            public Color getBackground(Object element) {
                return ((DashboardRow) element).inAlert() ? alertBackground : null;
            }
        });
        if (column == DashboardColumn.LAST_HOUR) {
            viewer.getTable().addListener(SWT.PaintItem, new SparklinePainter(viewer.getTable().indexOf(tableColumn)));
        }
        tableColumn.addListener(SWT.Selection, event -> sortBy(column, tableColumn));
    }

    private void sortBy(DashboardColumn column, TableColumn tableColumn) {
        var table = viewer.getTable();
        boolean again = table.getSortColumn() == tableColumn;
        int direction = again && table.getSortDirection() == SWT.UP ? SWT.DOWN : SWT.UP;
        table.setSortColumn(tableColumn);
        table.setSortDirection(direction);
        order = direction == SWT.UP ? column.order() : column.order().reversed();
        refresh();
    }

    private void refreshSoon() {
        if (refreshPending.compareAndSet(false, true)) {
            uiThread.execute(() -> viewer.getControl().getDisplay().timerExec(REFRESH_GAP_MILLIS, () -> {
                refreshPending.set(false);
                if (!viewer.getControl().isDisposed()) {
                    refresh();
                }
            }));
        }
    }

    private void refresh() {
        List<Server> servers = watch.servers();
        updateGroups(servers);
        String group = groups.getSelectionIndex() <= 0 ? null : groups.getText();
        Set<String> inAlert = alerts == null ? Set.of() : alerts.serversInAlert();
        long now = System.currentTimeMillis();
        List<DashboardRow> rows = new ArrayList<>();
        for (Server server : servers) {
            if (group == null || group.equals(server.group())) {
                rows.add(DashboardRow.of(server, watch, inAlert.contains(server.endpoint()), now));
            }
        }
        rows.sort(order);
        viewer.setInput(rows);
        long watched = rows.stream().filter(row -> row.state() != null).count();
        long online = rows.stream().filter(DashboardRow::online).count();
        long alerting = rows.stream().filter(DashboardRow::inAlert).count();
        long away = rows.stream().filter(row -> row.state() != null && row.state().status() == LiveStatus.OFFLINE).count();
        summary.setText(rows.size() + " servers: " + online + " online, " + away + " offline, " + alerting + " in alert"
                + (watched < rows.size() ? ", " + (rows.size() - watched) + " not watched" : ""));
        connectAll.setEnabled(watched < rows.size());
    }

    private void updateGroups(List<Server> servers) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        servers.stream().map(Server::group).filter(group -> !group.isEmpty()).forEach(names::add);
        List<String> items = new ArrayList<>();
        items.add(ALL_GROUPS);
        items.addAll(names);
        if (!items.equals(List.of(groups.getItems()))) {
            String selected = groups.getText();
            groups.setItems(items.toArray(String[]::new));
            groups.select(Math.max(0, items.indexOf(selected)));
        }
    }

    private void openSelected() {
        for (Object element : viewer.getStructuredSelection().toList()) {
            try {
                ConsoleEditors.open(getSite().getPage(), ((DashboardRow) element).server());
            } catch (PartInitException e) {
                LOG.error("Could not open the console of " + ((DashboardRow) element).server().name(), e);
            }
        }
    }

    private void runCommand(String id) {
        try {
            getSite().getService(IHandlerService.class).executeCommand(id, new Event());
        } catch (Exception e) { // the command framework declares several checked exceptions
            LOG.error("Could not run " + id, e);
        }
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        uiThread.close();
        if (watch != null) {
            watch.removeListener(fleetChanged);
        }
        if (alerts != null) {
            alerts.removeListener(alertsChanged);
        }
        super.dispose();
    }

    /**
     * Draws the last hour of CPU over its cell, after the cell's background (the alert colour when
     * the row is in alert). A PaintItem listener alone, no MeasureItem: with one, GTK asks SWT to
     * measure every cell of the table at every repaint, which kept the UI thread busy with 200 rows.
     */
    private static final class SparklinePainter implements Listener {

        private final int columnIndex;

        SparklinePainter(int columnIndex) {
            this.columnIndex = columnIndex;
        }

        @Override
        public void handleEvent(Event event) {
            if (event.index != columnIndex || !(event.item.getData() instanceof DashboardRow row)) {
                return;
            }
            Rectangle cell = ((org.eclipse.swt.widgets.TableItem) event.item).getBounds(event.index);
            int pad = 3;
            event.gc.setForeground(event.display.getSystemColor(row.inAlert() ? SWT.COLOR_DARK_RED : SWT.COLOR_DARK_BLUE));
            event.gc.setLineWidth(1);
            event.gc.setAntialias(SWT.OFF); // crisp one-pixel lines read better at this size
            for (int[] line : Sparkline.polylines(row.cpuLastHour(), cell.x + pad, cell.y + pad, cell.width - 2 * pad,
                    cell.height - 2 * pad)) {
                event.gc.drawPolyline(line);
            }
        }
    }
}
