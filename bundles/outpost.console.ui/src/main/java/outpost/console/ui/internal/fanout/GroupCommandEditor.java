package outpost.console.ui.internal.fanout;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;

import outpost.client.AgentConnections;
import outpost.client.fanout.FanOut;
import outpost.client.fanout.FanOutStatus;
import outpost.console.ui.AgentConnector;
import outpost.console.ui.ConsolePreferences;
import outpost.console.ui.GroupCommandInput;
import outpost.console.ui.UiThread;
import outpost.console.ui.internal.ConsoleEditor;
import outpost.console.ui.internal.EndLine;
import outpost.console.ui.internal.NothingToSaveEditor;
import outpost.servers.Server;

/**
 * The results of one command line run on several servers: a row per server (status, exit code,
 * duration, first line) that changes as the fan-out reports, the selected server's whole output
 * below, a summary, and Cancel, which stops the command on every agent. The fan-out runs on its own
 * threads from the moment the editor opens; its events reach the table through at most one pending
 * asyncExec. Closing the editor cancels what still runs.
 */
public final class GroupCommandEditor extends NothingToSaveEditor {

    /** How many servers are connecting or running at once; the rest wait their turn. */
    static final int PARALLEL = 32;

    /** Events within this time of the first one are shown together: a flood of output repaints ten times a second. */
    private static final int REFRESH_DELAY_MILLIS = 100;

    private static final String[] COLUMNS = { "Server", "Status", "Exit code", "Duration", "First line" };
    private static final int[] WIDTHS = { 140, 100, 80, 80, 420 };

    private GroupCommandInput input;
    private UiThread uiThread;
    private GroupRun rows;
    private FanOut.Run<Server> run;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private Label summary;
    private Button cancel;
    private Table table;
    private StyledText output;
    /** The row whose output is shown, -1 for none, and the version of it shown; UI thread only. */
    private int shownRow = -1;
    private long shownVersion = -1;

    @Override
    public void init(IEditorSite site, IEditorInput editorInput) throws PartInitException {
        if (!(editorInput instanceof GroupCommandInput groupInput)) {
            throw new PartInitException("A group command's results need a command and servers, not " + editorInput.getName());
        }
        setSite(site);
        setInput(editorInput);
        input = groupInput;
        setPartName(groupInput.getName());
        setTitleToolTip(groupInput.getToolTipText());
    }

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);
        createHeader(parent);
        uiThread = new UiThread(summary);
        SashForm split = new SashForm(parent, SWT.VERTICAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);
        table = new Table(split, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setData(ConsoleEditor.WIDGET_ID, "group.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(COLUMNS[i]);
            column.setWidth(WIDTHS[i]);
        }
        for (Server server : input.servers()) {
            new TableItem(table, SWT.NONE).setText(0, server.name());
        }
        table.addListener(SWT.Selection, event -> showOutput());
        table.addListener(SWT.Resize, event -> fillWithFirstLine());
        output = new StyledText(split, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        output.setData(ConsoleEditor.WIDGET_ID, "group.output");
        output.setFont(JFaceResources.getTextFont());
        split.setWeights(3, 2);
        start();
    }

    private void createHeader(Composite parent) {
        Composite header = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(header);
        Label title = new Label(header, SWT.NONE);
        title.setData(ConsoleEditor.WIDGET_ID, "group.command");
        title.setText(input.commandLine() + "   \u2014 " + input.servers().size()
                + (input.servers().size() == 1 ? " server" : " servers"));
        title.setFont(JFaceResources.getBannerFont());
        summary = new Label(header, SWT.NONE);
        summary.setData(ConsoleEditor.WIDGET_ID, "group.summary");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).indent(12, 0).applyTo(summary);
        cancel = new Button(header, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setData(ConsoleEditor.WIDGET_ID, "group.cancel");
        cancel.setToolTipText("Stop the command on every server; servers not reached yet are not started");
        cancel.addListener(SWT.Selection, event -> {
            if (run != null) {
                run.cancel();
            }
        });
    }

    /** Starts the fan-out; connects and commands run on its threads, never on this one. */
    private void start() {
        rows = new GroupRun(input.servers(), this::changed);
        AgentConnections connections = getSite().getService(AgentConnections.class);
        AgentConnector connector = getSite().getService(AgentConnector.class);
        if (connections == null || connector == null) {
            summary.setText("The Outpost client services are not available: is org.apache.felix.scr started?");
            cancel.setEnabled(false);
            return;
        }
        ConsolePreferences preferences = ConsolePreferences.current();
        run = FanOut.start(input.servers(), new SharedSessionConnector(connections, connector, preferences.connectTimeout()),
                input.commandLine(), null, PARALLEL, rows);
        refresh();
    }

    /** From the fan-out's threads: one asyncExec at a time, however fast the events come. */
    private void changed() {
        if (uiThread != null && refreshPending.compareAndSet(false, true)) {
            uiThread.execute(() -> table.getDisplay().timerExec(REFRESH_DELAY_MILLIS, () -> {
                if (!table.isDisposed()) {
                    refresh();
                }
            }));
        }
    }

    private void refresh() {
        refreshPending.set(false);
        List<GroupRun.Row> now = rows.rows();
        for (int i = 0; i < now.size(); i++) {
            GroupRun.Row row = now.get(i);
            TableItem item = table.getItem(i);
            setIfChanged(item, 1, row.status().label());
            setIfChanged(item, 2, row.exitCode() == null ? "" : row.exitCode().toString());
            setIfChanged(item, 3, row.duration() == null ? "" : EndLine.took(row.duration().toMillis()));
            setIfChanged(item, 4, row.firstLine());
            item.setForeground(1, table.getDisplay().getSystemColor(colourOf(row.status())));
        }
        summary.setText(rows.summary());
        summary.getParent().layout();
        cancel.setEnabled(!rows.finished());
        if (shownRow >= 0) {
            showOutput(shownRow);
        }
    }

    /** The first line takes the width the other columns leave, so a reason is read whole where it fits. */
    private void fillWithFirstLine() {
        int others = 0;
        for (int i = 0; i < COLUMNS.length - 1; i++) {
            others += table.getColumn(i).getWidth();
        }
        int left = table.getClientArea().width - others;
        table.getColumn(COLUMNS.length - 1).setWidth(Math.max(WIDTHS[COLUMNS.length - 1], left));
    }

    private static void setIfChanged(TableItem item, int column, String text) {
        if (!text.equals(item.getText(column))) {
            item.setText(column, text);
        }
    }

    private static int colourOf(FanOutStatus status) {
        return switch (status) {
        case OK -> SWT.COLOR_DARK_GREEN;
        case FAILED, UNREACHABLE, FORBIDDEN -> SWT.COLOR_RED;
        case CANCELLED -> SWT.COLOR_DARK_YELLOW;
        default -> SWT.COLOR_WIDGET_FOREGROUND;
        };
    }

    private void showOutput() {
        shownRow = table.getSelectionIndex();
        shownVersion = -1;
        showOutput(shownRow);
    }

    private void showOutput(int row) {
        long version = row < 0 ? -1 : rows.outputVersion(row);
        if (row >= 0 && version == shownVersion) {
            return; // nothing new: the text is not copied again
        }
        shownVersion = version;
        output.setText(row < 0 ? "" : rows.output(row));
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    public void dispose() {
        if (uiThread != null) {
            uiThread.close();
        }
        if (run != null) {
            run.cancel(); // nothing would show what is left: the agents stop it
        }
        super.dispose();
    }
}
