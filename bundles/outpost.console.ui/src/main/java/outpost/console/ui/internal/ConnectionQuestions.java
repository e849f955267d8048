package outpost.console.ui.internal;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;

import outpost.client.CertificateChangedException;
import outpost.servers.Server;

/**
 * The dialogs through which a console asks its user what its connection cannot decide: the token,
 * and trust in a new or changed certificate. A certificate question does not block (no nested event
 * loop per console); at most one is open per console, and closing the console closes it unanswered.
 * UI thread only.
 */
final class ConnectionQuestions {

    private final Supplier<Shell> shell;
    private final Server server;
    /** The open certificate question, if any. */
    private MessageDialog open;
    private boolean closed;

    ConnectionQuestions(Supplier<Shell> shell, Server server) {
        this.shell = shell;
        this.server = server;
    }

    /** Blocks in a modal dialog; empty when the user cancels. */
    Optional<String> askToken() {
        TokenDialog ask = new TokenDialog(shell.get(), server);
        return ask.open() == Window.OK ? Optional.of(ask.token()) : Optional.empty();
    }

    void askTrust(String fingerprint, Consumer<Boolean> answer) {
        if (asking()) {
            return;
        }
        TrustDialog dialog = new TrustDialog(shell.get(), server, fingerprint);
        ask(dialog, () -> answer.accept(dialog.getReturnCode() == TrustDialog.TRUST));
    }

    void askChangedCertificate(CertificateChangedException changed, Consumer<Boolean> answer) {
        if (asking()) {
            return;
        }
        ChangedCertificateDialog dialog = new ChangedCertificateDialog(shell.get(), server, changed);
        ask(dialog, () -> answer.accept(dialog.getReturnCode() == ChangedCertificateDialog.TRUST_NEW));
    }

    /** The console closes: an open question goes away unanswered. */
    void close() {
        closed = true;
        if (open != null) {
            open.close();
        }
    }

    /** One certificate question at a time, none once the console closed. */
    private boolean asking() {
        return open != null || closed;
    }

    private void ask(MessageDialog dialog, Runnable answered) {
        dialog.setBlockOnOpen(false);
        dialog.open();
        open = dialog;
        dialog.getShell().addListener(SWT.Dispose, event -> {
            open = null;
            if (!closed) {
                answered.run();
            }
        });
    }
}
