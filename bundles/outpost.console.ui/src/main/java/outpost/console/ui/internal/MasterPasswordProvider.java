package outpost.console.ui.internal;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Asks the user for the master password of Eclipse secure storage, which encrypts the agent
 * tokens (the platform's own prompt lives in org.eclipse.equinox.security.ui, which the console
 * does not ship). Called from Jobs; the dialog runs on the UI thread.
 */
public final class MasterPasswordProvider extends PasswordProvider {

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        Display display = Display.getDefault();
        if (display.isDisposed()) {
            return null;
        }
        boolean create = (passwordType & CREATE_NEW_PASSWORD) != 0;
        String message = create
                ? "Choose a master password. It encrypts the agent tokens the console keeps in Eclipse secure storage."
                : "Enter the master password of Eclipse secure storage, which holds the agent tokens.";
        char[][] answer = new char[1][];
        display.syncExec(() -> {
            Shell parent = display.getActiveShell();
            InputDialog dialog = new InputDialog(parent, "Outpost secure storage", message, "",
                    text -> text.isEmpty() ? "Enter a password" : null) {
                @Override
                protected int getInputTextStyle() {
                    return SWT.SINGLE | SWT.BORDER | SWT.PASSWORD;
                }

                @Override
                protected void configureShell(Shell shell) {
                    super.configureShell(shell);
                    shell.setData(ConsoleEditor.WIDGET_ID, "console.masterPassword");
                }
            };
            if (dialog.open() == Window.OK) {
                answer[0] = dialog.getValue().toCharArray();
            }
        });
        return answer[0] == null ? null : new PBEKeySpec(answer[0]);
    }

    @Override
    public boolean retryOnError(Exception e, IPreferencesContainer container) {
        return true; // a mistyped password is asked again
    }
}
