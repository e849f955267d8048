package outpost.explorer.ui.internal;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;
import outpost.servers.ServerForm;
import outpost.servers.ServerList;

/**
 * Adds or edits one server. Thin: {@link ServerForm} says what is wrong, the dialog shows the
 * first problem and enables OK only when there is none. Opens without blocking its caller; OK
 * hands the server to {@code onSave}.
 */
final class ServerDialog extends TitleAreaDialog {

    private final Supplier<ServerList> list;
    private final Server editing;
    private final ServerForm initial;
    private final List<String> groups;
    private final Consumer<Server> onSave;
    private Text name;
    private Text host;
    private Text port;
    private Combo group;

    /**
     * @param editing the server edited, or null to add one
     * @param initial the fields' first values
     */
    ServerDialog(Shell shell, Supplier<ServerList> list, Server editing, ServerForm initial, List<String> groups,
            Consumer<Server> onSave) {
        super(shell);
        this.list = list;
        this.editing = editing;
        this.initial = initial;
        this.groups = groups;
        this.onSave = onSave;
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(editing == null ? "Add Server" : "Edit Server");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(editing == null ? "Add a server" : "Edit " + editing.name());
        setMessage("Where the server's Outpost agent listens. Its token is asked for when its console first connects.");
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        name = field(fields, "&Name:", "server.name", initial.name());
        name.setMessage("optional: shown as host:port without one");
        host = field(fields, "&Host:", "server.host", initial.host());
        host.setMessage("DNS name, IPv4 or IPv6 address");
        port = field(fields, "&Port:", "server.port", initial.port());
        new Label(fields, SWT.NONE).setText("&Group:");
        group = new Combo(fields, SWT.DROP_DOWN);
        group.setItems(groups.toArray(String[]::new));
        group.setText(initial.group());
        group.setData(ServerExplorer.WIDGET_ID, "server.group");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
        return area;
    }

    private Text field(Composite parent, String label, String id, String value) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER);
        text.setText(value);
        text.setData(ServerExplorer.WIDGET_ID, id);
        text.addModifyListener(event -> validate(true));
        GridDataFactory.fillDefaults().grab(true, false).hint(260, SWT.DEFAULT).applyTo(text);
        return text;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setData(ServerExplorer.WIDGET_ID, "server.ok");
        validate(false); // an empty Add form is not an error yet: only OK waits
        group.addModifyListener(event -> validate(true));
    }

    private ServerForm form() {
        return new ServerForm(name.getText(), host.getText(), port.getText(), group.getText());
    }

    private List<String> validate(boolean showProblem) {
        List<String> problems = form().problems(list.get(), editing);
        if (showProblem || problems.isEmpty()) {
            setErrorMessage(problems.isEmpty() ? null : problems.get(0));
        }
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problems.isEmpty());
        }
        return problems;
    }

    @Override
    protected void okPressed() {
        if (!validate(true).isEmpty()) {
            return; // the list may have changed since the last keystroke
        }
        onSave.accept(form().toServer());
        super.okPressed();
    }
}
