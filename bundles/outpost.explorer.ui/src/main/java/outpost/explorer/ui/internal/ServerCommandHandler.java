package outpost.explorer.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import outpost.explorer.ui.ServerExplorer;

/**
 * Handles the Server commands (menus, key bindings) by showing the Server Explorer and asking it:
 * one class for the five commands, the action named in plugin.xml ({@code class="...:connectAll"}).
 */
public final class ServerCommandHandler extends AbstractHandler implements IExecutableExtension {

    private String action = "";

    @Override
    public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
        action = data instanceof String name ? name : "";
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        IViewPart part;
        try {
            part = window.getActivePage().showView(ServerExplorer.VIEW_ID);
        } catch (PartInitException e) {
            throw new ExecutionException("Cannot show the Server Explorer: " + e.getMessage(), e);
        }
        if (!(part instanceof ServerExplorerView explorer)) {
            throw new ExecutionException("The Server Explorer did not open");
        }
        switch (action) {
        case "connectAll" -> explorer.connectAll();
        case "disconnectAll" -> explorer.disconnectAll();
        case "import" -> explorer.chooseAndImport();
        case "export" -> explorer.chooseAndExport();
        case "add" -> explorer.openAddDialog();
        default -> throw new ExecutionException("Unknown Server Explorer action '" + action + "' in plugin.xml");
        }
        return null;
    }
}
