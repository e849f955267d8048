package outpost.console.ui;

import java.util.List;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

import outpost.servers.Server;

/** Runs one command line on several servers at once, its results in an editor of their own. */
public final class GroupCommands {

    /** Id of the results editor in plugin.xml. */
    public static final String EDITOR_ID = "outpost.console.ui.groupCommandEditor";

    private GroupCommands() {
    }

    /**
     * Opens a results editor that starts the command on every server at once (connections in the
     * background, through the console's shared sessions and stored credentials). UI thread only.
     */
    public static IEditorPart run(IWorkbenchPage page, String commandLine, List<Server> servers) throws PartInitException {
        return page.openEditor(new GroupCommandInput(commandLine, servers), EDITOR_ID, true);
    }
}
