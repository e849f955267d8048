package outpost.app;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.preference.IPreferencePage;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's dialogs open large enough for their text on a 1280x800 screen: no label, check box
 * or field of the Outpost preference page is cut, and Help > Agent Commands shows its longest
 * command line whole.
 */
class DialogSizesIT {

    private static final Point SMALL_SCREEN = new Point(1280, 800);

    private final List<Shell> opened = new ArrayList<>();

    @AfterEach
    void closeDialogs() {
        opened.stream().filter(shell -> !shell.isDisposed()).forEach(Shell::close);
    }

    @Test
    void thePreferencePageShowsEveryLabelWhole() throws InterruptedException {
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(workbenchShell().getShell(), "outpost.app.preferences",
                null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        opened.add(dialog.getShell());
        Composite page = (Composite) ((IPreferencePage) dialog.getSelectedPage()).getControl();
        waitUntil("the dialog is laid out", () -> page.getSize().x > 0 && page.getChildren()[0].getSize().x > 0);
        assertFitsTheSmallScreen(dialog.getShell());
        List<Control> texts = new ArrayList<>();
        collect(page, texts);
        assertTrue(texts.size() > 8, "the page's labels, check boxes and fields: " + texts);
        texts.forEach(control -> assertWhole(dialog.getShell(), control));
    }

    @Test
    void agentCommandsShowsItsLongestLineWhole() throws Exception {
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("outpost.app.agentCommands", null);
        Shell dialog = shellTitled("Agent Commands");
        opened.add(dialog);
        Text text = (Text) find(dialog, "agentCommands.text");
        waitUntil("the list shows", () -> text.getText().contains("uptime"));
        waitUntil("the dialog fits the longest line", () -> text.computeSize(SWT.DEFAULT, SWT.DEFAULT).x <= text.getSize().x,
                () -> "; needed " + text.computeSize(SWT.DEFAULT, SWT.DEFAULT).x + ", has " + text.getSize().x);
        assertFitsTheSmallScreen(dialog);
    }

    /** The open shell with this title; the command opens its dialog before it returns. */
    private static Shell shellTitled(String title) {
        return Arrays.stream(Display.getCurrent().getShells()).filter(shell -> title.equals(shell.getText()) && shell.isVisible())
                .findFirst().orElseThrow(() -> new AssertionError(title + " did not open"));
    }

    private static void assertFitsTheSmallScreen(Shell shell) {
        Point size = shell.getSize();
        assertTrue(size.x <= SMALL_SCREEN.x && size.y <= SMALL_SCREEN.y, shell.getText() + " is larger than 1280x800: " + size);
    }

    /** Whole: as wide as it needs to be, and inside the dialog. */
    private static void assertWhole(Shell dialog, Control control) {
        Rectangle bounds = control.getBounds();
        int needed = control.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
        String name = control.getClass().getSimpleName() + " '" + text(control) + "'";
        assertTrue(bounds.width >= needed || (control.getStyle() & SWT.WRAP) != 0,
                name + " is cut: " + bounds.width + " < " + needed);
        Rectangle onScreen = control.getDisplay().map(control.getParent(), null, bounds);
        Rectangle dialogArea = control.getDisplay().map(dialog, null, dialog.getClientArea());
        assertTrue(onScreen.x + onScreen.width <= dialogArea.x + dialogArea.width, name + " runs past the dialog's edge");
    }

    private static String text(Control control) {
        return control instanceof Label label ? label.getText()
                : control instanceof Button button ? button.getText() : control instanceof Text text ? text.getText() : "";
    }

    /** The visible labels, buttons and fields under root. */
    private static void collect(Composite root, List<Control> into) {
        for (Control child : root.getChildren()) {
            if (!child.isVisible()) {
                continue;
            }
            if (child instanceof Label || child instanceof Button || child instanceof Text) {
                if (!text(child).isEmpty() || child instanceof Text) {
                    into.add(child);
                }
            } else if (child instanceof Composite composite) {
                collect(composite, into);
            }
        }
    }
}
