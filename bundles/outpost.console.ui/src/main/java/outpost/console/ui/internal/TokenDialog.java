package outpost.console.ui.internal;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import outpost.servers.Server;

/**
 * Asks for an agent's token: the field is masked, as a password is (people share screens), with a
 * "Show" box to check what was typed. Wide enough for its text at 1280x800; OK only with a token.
 */
final class TokenDialog extends Dialog {

    static final String ID = "console.tokenDialog";
    static final String FIELD_ID = "console.tokenField";
    static final String SHOW_ID = "console.tokenShow";

    private final Server server;
    private Text field;
    private String token;

    TokenDialog(Shell parent, Server server) {
        super(parent);
        this.server = server;
    }

    /** The token entered, stripped; null before OK. */
    String token() {
        return token;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Token for " + server.name());
        shell.setData(ConsoleEditor.WIDGET_ID, ID);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        Label message = new Label(area, SWT.WRAP);
        message.setText("The agent at " + server.endpoint() + " needs a token (its data/token file holds the admin"
                + " token). It is stored once the agent accepts it.");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false)
                .hint(convertWidthInCharsToPixels(70), SWT.DEFAULT).applyTo(message);
        field = new Text(area, SWT.SINGLE | SWT.BORDER | SWT.PASSWORD);
        field.setData(ConsoleEditor.WIDGET_ID, FIELD_ID);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(field);
        Button show = new Button(area, SWT.CHECK);
        show.setText("Show");
        show.setData(ConsoleEditor.WIDGET_ID, SHOW_ID);
        show.addListener(SWT.Selection, event -> field.setEchoChar(show.getSelection() ? '\0' : '\u25CF'));
        field.addListener(SWT.Modify, event -> updateOk());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        updateOk();
    }

    @Override
    protected Point getInitialSize() {
        Point size = super.getInitialSize();
        return new Point(Math.max(size.x, convertWidthInCharsToPixels(80)), size.y);
    }

    @Override
    protected void okPressed() {
        token = field.getText().strip();
        super.okPressed();
    }

    private void updateOk() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(!field.getText().isBlank());
        }
    }
}
