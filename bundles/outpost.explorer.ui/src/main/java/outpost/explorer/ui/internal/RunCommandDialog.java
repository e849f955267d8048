package outpost.explorer.ui.internal;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IDialogSettings;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;

/**
 * Asks for the one command line to run on the selected servers, naming them, and offers the last
 * few lines run this way. Opens without blocking its caller; Run hands the line to {@code onRun}.
 */
final class RunCommandDialog extends TitleAreaDialog {

    private final List<Server> targets;
    private final IDialogSettings settings;
    private final Consumer<String> onRun;
    private Combo command;

    RunCommandDialog(Shell shell, List<Server> targets, IDialogSettings settings, Consumer<String> onRun) {
        super(shell);
        this.targets = targets;
        this.settings = settings;
        this.onRun = onRun;
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Run on Selected Servers");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Run one command line on " + ListMessages.count(targets.size(), "server", "servers"));
        setMessage("It goes to all of them at once. Each agent's roles and shell allow-list apply as in its console.");
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);

        Label targetsLabel = new Label(fields, SWT.NONE);
        targetsLabel.setText("Servers:");
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(targetsLabel);
        Text names = new Text(fields, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.WRAP | SWT.BORDER);
        names.setData(ServerExplorer.WIDGET_ID, "run.targets");
        names.setText(String.join("\n", targets.stream().map(server -> server.name() + "  (" + server.endpoint() + ")").toList()));
        int lines = Math.min(targets.size(), 6);
        GridDataFactory.fillDefaults().grab(true, false).hint(360, names.getLineHeight() * lines + 6).applyTo(names);

        new Label(fields, SWT.NONE).setText("&Command:");
        command = new Combo(fields, SWT.DROP_DOWN);
        command.setData(ServerExplorer.WIDGET_ID, "run.command");
        command.setItems(RecentCommands.load(settings).toArray(String[]::new));
        command.setToolTipText("e.g. uptime, disk, or sh: df -h where the agents allow it; the last few are in the list");
        command.addModifyListener(event -> updateRun());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(command);
        return area;
    }

    @Override
    public void create() {
        super.create();
        command.setFocus(); // the line is what the user came to type, not the list of servers above it
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Run", true).setData(ServerExplorer.WIDGET_ID, "run.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        updateRun();
    }

    private void updateRun() {
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(!command.getText().isBlank());
        }
    }

    @Override
    protected void okPressed() {
        String line = command.getText().strip();
        if (line.isEmpty()) {
            return;
        }
        RecentCommands.remember(settings, line);
        super.okPressed();
        onRun.accept(line);
    }
}
