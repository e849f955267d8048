package outpost.explorer.ui.internal.alerts;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

import outpost.alerts.Alert;
import outpost.alerts.AlertChange;
import outpost.console.ui.UiThread;

/**
 * Window > Show View > Alerts: every alert of this console, open ones first in red with how long
 * they have lasted, then ended ones with their start, end and worst value.
 */
public final class AlertsView extends ViewPart {

    public static final String ID = "outpost.explorer.ui.alerts";
    /** Key of the widget data naming controls, for tests and screenshots. */
    public static final String WIDGET_ID = "outpost.widget";

    private AlertCenter center;
    private TableViewer viewer;
    private Label summary;
    private UiThread uiThread;
    private final Consumer<List<AlertChange>> changed = changes -> refreshSoon();

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        summary = new Label(parent, SWT.WRAP);
        summary.setData(WIDGET_ID, "alerts.summary");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(summary);
        viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(WIDGET_ID, "alerts.table");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        Color red = parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
        for (AlertColumn column : AlertColumn.values()) {
            TableViewerColumn viewerColumn = new TableViewerColumn(viewer, SWT.LEFT);
            viewerColumn.getColumn().setText(column.title());
            viewerColumn.getColumn().setWidth(column.width());
            viewerColumn.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return column.text((Alert) element, Instant.now());
                }

                @Override
                public Color getForeground(Object element) {
                    return ((Alert) element).isOpen() ? red : null;
                }
            });
        }
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        uiThread = new UiThread(viewer.getControl());
        center = getSite().getService(AlertCenter.class);
        if (center == null) {
            summary.setText("Alerts are not available: the alert service is not running.");
            return;
        }
        center.addListener(changed);
        refresh();
        // open alerts' "Lasted" grows while nothing else changes
        tick();
    }

    private void tick() {
        viewer.getControl().getDisplay().timerExec(10_000, () -> {
            if (!viewer.getControl().isDisposed()) {
                refresh();
                tick();
            }
        });
    }

    private void refreshSoon() {
        uiThread.execute(this::refresh);
    }

    private void refresh() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        List<Alert> alerts = center.alerts();
        viewer.setInput(alerts);
        long open = alerts.stream().filter(Alert::isOpen).count();
        String text = open == 0 ? "No open alerts." : open == 1 ? "1 open alert." : open + " open alerts.";
        if (center.loadProblem() != null) {
            text += " " + center.loadProblem();
        }
        summary.setText(text + " Thresholds: Window > Preferences > Outpost > Alerts, or a server's or group's context menu in the Server Explorer.");
        summary.getParent().layout();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        if (center != null) {
            center.removeListener(changed);
        }
        super.dispose();
    }
}
