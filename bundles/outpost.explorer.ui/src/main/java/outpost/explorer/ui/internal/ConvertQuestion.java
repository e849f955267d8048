package outpost.explorer.ui.internal;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/** Asks before an ip,port list file is converted to the header form, which a name or a group needs. */
final class ConvertQuestion {

    private ConvertQuestion() {
    }

    /** Whether the user agrees; blocks the UI thread in a modal dialog, as any question does. */
    static boolean ask(Shell shell, Path file, Path backup) {
        MessageDialog dialog = new MessageDialog(shell, "Convert the Server List?", null,
                file.getFileName() + " has the original ip,port form, which has no place for a name or a group.\n\n"
                        + "Convert it to the header form (name,host,port,group)? Every row is kept, rows the console "
                        + "cannot read included; the current file is kept as " + backup.getFileName() + ".\n\n"
                        + "Keep Form leaves the file as it is and does not make this change.",
                MessageDialog.QUESTION, 0, "&Convert", "&Keep Form");
        return dialog.open() == 0;
    }
}
