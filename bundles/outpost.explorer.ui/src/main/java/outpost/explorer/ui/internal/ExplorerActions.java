package outpost.explorer.ui.internal;

import java.util.List;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.commands.ActionHandler;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;

import outpost.servers.Server;

/** The view's toolbar and context menu actions: each a few lines that call the view. */
final class ExplorerActions {

    private final ServerExplorerView view;
    private final Action open;
    private final Action runOnSelected;
    private final Action add;
    private final Action edit;
    private final Action remove;
    private final Action assignGroup;
    private final Action importList;
    private final Action exportList;
    private final Action reload;
    private final Action connectAll;
    private final Action disconnectAll;
    private final Action connectSelected;
    private final Action disconnectSelected;
    private final Action thresholds;
    private final Action showDashboard;
    private final Action showAlerts;

    ExplorerActions(ServerExplorerView view) {
        this.view = view;
        open = action("&Open Console", "Open the console of the selected servers", null, view::openSelected);
        runOnSelected = action("R&un on Selected...", "Run one command line on the selected servers or group at once",
                null, view::runOnSelected);
        add = action("&Add Server...", "Add a server to the list", ISharedImages.IMG_OBJ_ADD, view::openAddDialog);
        edit = action("&Edit Server...", "Edit the selected server", null, view::editSelected);
        remove = action("&Remove", "Remove the selected servers from the list", ISharedImages.IMG_TOOL_DELETE,
                view::removeSelected);
        assignGroup = action("Assign &Group...", "File the selected agents of the broker under a group", null,
                view::assignBrokerGroup);
        importList = action("&Import CSV...", "Add the servers of a CSV file to the list", ISharedImages.IMG_OBJ_FILE,
                view::chooseAndImport);
        exportList = action("E&xport CSV...", "Save the list to another CSV file", ISharedImages.IMG_ETOOL_SAVEAS_EDIT,
                view::chooseAndExport);
        reload = action("Re&load", "Read the list file again", null, view::reload);
        connectAll = action("&Connect All", "Show live status, CPU, RAM and latency of every server", null, view::connectAll);
        disconnectAll = action("&Disconnect All", "End every live session", null, view::disconnectAll);
        connectSelected = action("Connect", "Show live columns for the selected servers or group", null,
                () -> view.connect(view.selectedServers()));
        disconnectSelected = action("Disconnect", "End the live sessions of the selected servers or group", null,
                () -> view.disconnect(view.selectedServers()));
        thresholds = action("Alert &Thresholds...", "When the selected server or group raises an alert", null,
                view::editThresholds);
        showDashboard = action("Das&hboard", "Every server on one screen, worst first", null,
                () -> view.showView(outpost.explorer.ui.internal.dashboard.DashboardView.ID));
        showAlerts = action("Aler&ts", "Open and ended alerts", null,
                () -> view.showView(outpost.explorer.ui.internal.alerts.AlertsView.ID));
    }

    private static Action action(String text, String tooltip, String image, Runnable run) {
        Action action = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        action.setToolTipText(tooltip);
        if (image != null) {
            ImageDescriptor descriptor = PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(image);
            action.setImageDescriptor(descriptor);
        }
        return action;
    }

    /**
     * The workbench's Delete command (the Delete key, and Edit > Delete where the application has
     * it) removes the selected servers while the view is active, after asking as Remove does. The
     * view site's handler service activates the handler only while the view is the active part.
     */
    void handleDelete(IHandlerService handlers) {
        remove.setActionDefinitionId(IWorkbenchCommandConstants.EDIT_DELETE); // shows the key in the menus
        handlers.activateHandler(IWorkbenchCommandConstants.EDIT_DELETE, new ActionHandler(remove));
    }

    void contributeTo(IToolBarManager toolBar) {
        toolBar.add(add);
        toolBar.add(remove);
        toolBar.add(new Separator());
        toolBar.add(importList);
        toolBar.add(exportList);
        toolBar.add(new Separator());
        toolBar.add(connectAll);
        toolBar.add(disconnectAll);
    }

    /** The view menu holds every action, for when the toolbar is cut off by a narrow view. */
    void contributeTo(IMenuManager viewMenu) {
        viewMenu.add(add);
        viewMenu.add(edit);
        viewMenu.add(remove);
        viewMenu.add(new Separator());
        viewMenu.add(importList);
        viewMenu.add(exportList);
        viewMenu.add(reload);
        viewMenu.add(new Separator());
        viewMenu.add(connectAll);
        viewMenu.add(disconnectAll);
        viewMenu.add(new Separator());
        viewMenu.add(showDashboard);
        viewMenu.add(showAlerts);
    }

    void fillContextMenu(IMenuManager menu, ServerGroup group) {
        List<Server> selected = view.selectedServers();
        menu.add(open);
        menu.add(runOnSelected);
        menu.add(new Separator());
        if (group != null) {
            connectSelected.setText("Connect Group '" + group.label() + "'");
            disconnectSelected.setText("Disconnect Group '" + group.label() + "'");
        } else {
            connectSelected.setText(selected.size() > 1 ? "Connect " + selected.size() + " Servers" : "Connect");
            disconnectSelected.setText(selected.size() > 1 ? "Disconnect " + selected.size() + " Servers" : "Disconnect");
        }
        menu.add(connectSelected);
        menu.add(disconnectSelected);
        menu.add(connectAll);
        menu.add(disconnectAll);
        menu.add(new Separator());
        menu.add(thresholds);
        menu.add(new Separator());
        menu.add(add);
        menu.add(edit);
        menu.add(remove);
        if (view.anyBrokerAgentSelected()) {
            menu.add(assignGroup);
        }
        menu.add(new Separator());
        menu.add(importList);
        menu.add(exportList);
        menu.add(reload);
    }

    /** Enables what makes sense for the current list and selection. */
    void update() {
        boolean loaded = view.isLoaded();
        boolean anySelected = !view.selectedServers().isEmpty();
        open.setEnabled(anySelected);
        runOnSelected.setEnabled(anySelected);
        add.setEnabled(loaded);
        edit.setEnabled(loaded && view.hasSingleServerSelected());
        remove.setEnabled(loaded && view.selectedServers().stream().anyMatch(server -> !server.viaBroker()));
        assignGroup.setEnabled(loaded && view.anyBrokerAgentSelected());
        importList.setEnabled(loaded);
        exportList.setEnabled(loaded);
        boolean live = view.canMonitor() && loaded;
        connectAll.setEnabled(live && !view.servers().isEmpty());
        disconnectAll.setEnabled(live);
        connectSelected.setEnabled(live && anySelected);
        disconnectSelected.setEnabled(live && anySelected);
        thresholds.setEnabled(loaded && (view.selectedGroup() != null || view.hasSingleServerSelected()));
    }
}
