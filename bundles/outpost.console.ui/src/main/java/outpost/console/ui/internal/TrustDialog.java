package outpost.console.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import outpost.servers.Server;

/** Asks whether to trust an agent seen for the first time, showing its certificate fingerprint. */
final class TrustDialog extends MessageDialog {

    static final int TRUST = 0;

    TrustDialog(Shell parent, Server server, String fingerprint) {
        super(parent, "Trust the agent at " + server.endpoint() + "?", null,
                "This console has never connected to the agent at " + server.endpoint() + " before.\n\n"
                        + "Its certificate fingerprint (SHA-256) is:\n\n" + fingerprint + "\n\n"
                        + "Compare it with the fingerprint the agent printed when it first started (or with its"
                        + " administrator). If they match, trust it: the fingerprint is pinned and a changed"
                        + " certificate will be refused from then on.",
                QUESTION, 0, "Trust and connect", IDialogConstants.CANCEL_LABEL);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setData(ConsoleEditor.WIDGET_ID, "console.trustDialog");
    }
}
