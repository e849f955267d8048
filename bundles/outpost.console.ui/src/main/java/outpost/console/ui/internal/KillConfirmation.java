package outpost.console.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import outpost.servers.Server;

/** Asks before stopping an agent for good: every client loses it, and only a restart on its host brings it back. */
final class KillConfirmation extends MessageDialog {

    static final int KILL = 0;

    KillConfirmation(Shell parent, Server server) {
        super(parent, "Stop the agent at " + server.endpoint() + "?", null,
                "The agent on " + server.name() + " will tell every connected client and exit. It stays down until"
                        + " someone starts it again on that machine.",
                WARNING, 1, "Kill agent", IDialogConstants.CANCEL_LABEL);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setData(ConsoleEditor.WIDGET_ID, "console.killConfirmation");
    }
}
