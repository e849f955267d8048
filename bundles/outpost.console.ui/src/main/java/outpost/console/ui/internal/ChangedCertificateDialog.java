package outpost.console.ui.internal;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import outpost.client.CertificateChangedException;
import outpost.servers.Server;

/**
 * Says that an agent's certificate is not the pinned one and offers, as the second choice, to pin
 * the new one: the way out after a known reinstall (SSH makes users edit known_hosts; secure
 * storage cannot be edited by hand). Refusing is the default.
 */
final class ChangedCertificateDialog extends MessageDialog {

    static final int KEEP_REFUSING = 0;
    static final int TRUST_NEW = 1;

    ChangedCertificateDialog(Shell parent, Server server, CertificateChangedException changed) {
        super(parent, "The certificate of " + server.endpoint() + " has CHANGED", null,
                "The agent at " + server.endpoint() + " presented a certificate other than the one pinned on first"
                        + " contact.\n\nPinned:     " + changed.pinned() + "\nPresented: " + changed.presented()
                        + "\n\nSomeone may be intercepting the connection (man-in-the-middle). Trust the new"
                        + " certificate only if you know the agent was reinstalled or got a new key, and its"
                        + " administrator confirms the new fingerprint.",
                WARNING, KEEP_REFUSING, "Keep Refusing", "Trust the New Certificate");
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setData(ConsoleEditor.WIDGET_ID, "console.changedCertificateDialog");
    }
}
