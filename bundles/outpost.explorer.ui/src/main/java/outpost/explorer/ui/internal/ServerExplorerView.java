package outpost.explorer.ui.internal;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;

import outpost.console.ui.ConsoleEditors;
import outpost.servers.Server;
import outpost.servers.ServerListReadResult;
import outpost.servers.ServerRepository;

/**
 * Lists the servers of the user's server list file. The file is read in a Job; double-click (or
 * Enter) opens the server's console.
 */
public final class ServerExplorerView extends ViewPart {

    /** Key under which widgets carry a stable id, for tests and accessibility tools. */
    public static final String WIDGET_ID = "outpost.widget";

    private static final ILog LOG = ILog.of(ServerExplorerView.class);

    private TableViewer viewer;
    private Label message;

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().applyTo(parent);
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        Table table = viewer.getTable();
        table.setData(WIDGET_ID, "explorer.servers");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        addColumn("Name", 160, Server::name);
        addColumn("Host", 140, Server::host);
        addColumn("Port", 60, server -> Integer.toString(server.port()));
        addColumn("Group", 100, Server::group);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addOpenListener(event -> openConsoles((IStructuredSelection) event.getSelection()));
        getSite().setSelectionProvider(viewer);

        message = new Label(parent, SWT.WRAP);
        message.setData(WIDGET_ID, "explorer.message");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
        load();
    }

    private void addColumn(String title, int width, Function<Server, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Server) element);
            }
        });
    }

    private void load() {
        ServerRepository repository = getSite().getService(ServerRepository.class);
        if (repository == null) {
            showMessage("The server list service is not available: is org.apache.felix.scr started?");
            return;
        }
        showMessage("Loading " + repository.file() + " ...");
        Job.create("Loading the server list", (IProgressMonitor monitor) -> {
            try {
                ServerListReadResult result = repository.load();
                result.problems().forEach(problem -> LOG.warn(repository.file() + ", " + problem));
                inUi(() -> show(repository, result));
                return Status.OK_STATUS;
            } catch (IOException e) {
                inUi(() -> showMessage("Cannot read " + repository.file() + ": " + e.getMessage()));
                return Status.error("Cannot read the server list " + repository.file(), e);
            }
        }).schedule();
    }

    private void show(ServerRepository repository, ServerListReadResult result) {
        viewer.setInput(result.servers());
        int count = result.servers().size();
        StringBuilder text = new StringBuilder(count + (count == 1 ? " server from " : " servers from ") + repository.file());
        if (result.hasProblems()) {
            int skipped = result.problems().size();
            text.append("\n").append(skipped).append(skipped == 1 ? " row skipped:" : " rows skipped:");
            result.problems().forEach(problem -> text.append("\n  ").append(problem));
        }
        showMessage(text.toString());
    }

    private void openConsoles(IStructuredSelection selection) {
        List<?> servers = selection.toList();
        for (Object element : servers) {
            try {
                ConsoleEditors.open(getSite().getPage(), (Server) element);
            } catch (PartInitException e) {
                LOG.log(new Status(IStatus.ERROR, getClass(), "Cannot open the console of " + element, e));
            }
        }
    }

    private void showMessage(String text) {
        message.setText(text);
        message.getParent().layout();
    }

    private void inUi(Runnable runnable) {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        viewer.getControl().getDisplay().asyncExec(() -> {
            if (!viewer.getControl().isDisposed()) {
                runnable.run();
            }
        });
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
