package outpost.explorer.ui.internal;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;

/**
 * Asks in which group the selected agents of the broker are shown, offering the groups there are;
 * an empty name files them under {@value ServerExplorer#NO_GROUP}. Opens without blocking its
 * caller; OK hands the name to {@code onAssign}.
 */
final class BrokerGroupDialog extends TitleAreaDialog {

    private final List<Server> agents;
    private final List<String> groups;
    private final Consumer<String> onAssign;
    private Combo group;

    BrokerGroupDialog(Shell shell, List<Server> agents, List<String> groups, Consumer<String> onAssign) {
        super(shell);
        this.agents = agents;
        this.groups = groups;
        this.onAssign = onAssign;
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Assign Group");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(agents.size() == 1 ? "File the broker's agent '" + agents.get(0).name() + "' under a group"
                : "File " + agents.size() + " agents of the broker under a group");
        setMessage("The broker announces its agents; the groups are yours, kept in this workspace.");
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        new Label(fields, SWT.NONE).setText("&Group:");
        group = new Combo(fields, SWT.DROP_DOWN);
        group.setData(ServerExplorer.WIDGET_ID, "brokerGroup.name");
        group.setItems(groups.toArray(String[]::new));
        group.setText(agents.get(0).group());
        GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(group);
        return area;
    }

    @Override
    public void create() {
        super.create();
        group.setFocus();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Assign", true).setData(ServerExplorer.WIDGET_ID, "brokerGroup.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        String name = group.getText().strip();
        super.okPressed();
        onAssign.accept(name);
    }
}
