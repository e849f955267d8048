package outpost.console.ui;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

import outpost.servers.Server;

/** Opens server consoles. */
public final class ConsoleEditors {

    /** Id of the console editor in plugin.xml. */
    public static final String EDITOR_ID = "outpost.console.ui.consoleEditor";

    private ConsoleEditors() {
    }

    /** Opens the console of a server, or activates it when it is already open. UI thread only. */
    public static IEditorPart open(IWorkbenchPage page, Server server) throws PartInitException {
        return page.openEditor(new ServerEditorInput(server), EDITOR_ID, true);
    }
}
