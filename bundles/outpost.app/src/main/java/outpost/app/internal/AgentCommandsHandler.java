package outpost.app.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import outpost.client.SessionFactory;
import outpost.console.ui.AgentConnector;
import outpost.console.ui.ServerEditorInput;
import outpost.servers.Server;

/** Opens Help > Agent Commands, or brings the open one to the front. */
public final class AgentCommandsHandler extends AbstractHandler {

    private AgentCommandsDialog open;

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        if (open != null && open.getShell() != null && !open.getShell().isDisposed()) {
            open.getShell().setActive();
            return null;
        }
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        AgentConnector connector = window.getService(AgentConnector.class);
        SessionFactory sessions = window.getService(SessionFactory.class);
        Optional<LiveAgentHelp> live = Optional.empty();
        if (connector == null || sessions == null) {
            // the console bundles are missing or broken: the documentation still helps
            ILog.of(AgentCommandsHandler.class).warn("Agent Commands cannot ask agents: no "
                    + (connector == null ? "AgentConnector" : "SessionFactory") + " service");
        } else {
            live = Optional.of(new LiveAgentHelp(connector, sessions));
        }
        open = new AgentCommandsDialog(window.getShell(), openConsoles(window.getActivePage()), live);
        open.open();
        return null;
    }

    /** The servers of the open consoles, the active one first. */
    private static List<Server> openConsoles(IWorkbenchPage page) {
        List<Server> servers = new ArrayList<>();
        if (page == null) {
            return servers;
        }
        IEditorPart active = page.getActiveEditor();
        if (active != null && active.getEditorInput() instanceof ServerEditorInput input) {
            servers.add(input.server());
        }
        for (IEditorReference reference : page.getEditorReferences()) {
            try {
                IEditorInput input = reference.getEditorInput();
                if (input instanceof ServerEditorInput serverInput && !servers.contains(serverInput.server())) {
                    servers.add(serverInput.server());
                }
            } catch (PartInitException e) {
                // an editor that failed to open has no server to ask
            }
        }
        return servers;
    }
}
