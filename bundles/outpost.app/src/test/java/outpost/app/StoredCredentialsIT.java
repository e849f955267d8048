package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outpost > Stored Credentials in the real workbench, over the --tokens and --known-agents files
 * of the UI tests: what is stored is listed without the token, and Forget removes it from the file.
 */
class StoredCredentialsIT {

    private Path tokens;
    private Path known;
    private PreferenceDialog dialog;

    @BeforeEach
    void storeATokenAndTwoPins() throws Exception {
        tokens = Path.of(System.getProperty("outpost.tokens"));
        known = Path.of(System.getProperty("outpost.knownAgents"));
        Files.createDirectories(tokens.getParent());
        Files.writeString(tokens, "# lab tokens\nweb-01.example\\:5005=s3cret-token\n");
        Files.writeString(known, "web-01.example\\:5005=SHA256\\:web\ndb-01.example\\:5006=SHA256\\:db\n");
    }

    @AfterEach
    void close() {
        if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
    }

    @Test
    void listsWhatIsStoredWithoutTheTokenAndForgetsIt() throws Exception {
        dialog = PreferencesUtil.createPreferenceDialogOn(workbenchShell().getShell(), "outpost.console.ui.storedCredentials",
                null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Table table = (Table) find(dialog.getShell(), "credentials.table");
        waitUntil("both agents are listed", () -> table.getItemCount() == 2, () -> Integer.toString(table.getItemCount()));
        assertEquals("db-01.example:5006 |  | SHA256:db", cells(table.getItem(0)));
        assertEquals("web-01.example:5005 | stored | SHA256:web", cells(table.getItem(1)));
        screenshot(dialog, tokens.resolveSibling("stored-credentials.png"));

        Button forgetToken = (Button) find(dialog.getShell(), "credentials.forgetToken");
        Button forgetPin = (Button) find(dialog.getShell(), "credentials.forgetPin");
        assertFalse(forgetToken.isEnabled() || forgetPin.isEnabled(), "nothing selected, nothing to forget");
        Rectangle row = table.getItem(1).getBounds(0);
        org.eclipse.swt.graphics.Point onRow = table.toDisplay(row.x + row.width / 2, row.y + row.height / 2);
        mouseClickAt(table.getDisplay(), onRow.x, onRow.y, 1);
        waitUntil("the buttons follow the selection", () -> forgetToken.isEnabled() && forgetPin.isEnabled());
        assertEquals("Certificate pinned for web-01.example:5005: SHA256:web",
                ((org.eclipse.swt.widgets.Label) find(dialog.getShell(), "credentials.selectedPin")).getText(),
                "the whole fingerprint of the selected agent, to compare");
        mouseClick(forgetToken, 1);
        waitUntil("the token is forgotten", () -> table.getItemCount() == 2
                && cells(table.getItem(1)).equals("web-01.example:5005 |  | SHA256:web"), () -> cells(table.getItem(1)));
        assertEquals("# lab tokens\n", Files.readString(tokens), "only its line is removed");
        mouseClick(forgetPin, 1);
        waitUntil("the pin is forgotten", () -> table.getItemCount() == 1, () -> Integer.toString(table.getItemCount()));
        assertTrue(Files.readString(known).contains("db-01.example"));
        assertFalse(Files.readString(known).contains("web-01.example"));
    }

    private static String cells(TableItem item) {
        return item.getText(0) + " | " + item.getText(1) + " | " + item.getText(2);
    }

    /** The dialog as a user sees it, for the user guide. */
    private static void screenshot(PreferenceDialog dialog, Path file) {
        Rectangle bounds = dialog.getShell().getBounds();
        Image image = new Image(dialog.getShell().getDisplay(), bounds.width, bounds.height);
        GC gc = new GC(dialog.getShell().getDisplay());
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
