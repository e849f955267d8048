package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;
import outpost.servers.ServerRepository;

/**
 * The list file in the real workbench: edited behind the console's back while the explorer shows
 * it, with a row the console cannot read; the real Delete key on a selected server; the columns at
 * the usual window sizes.
 */
class ServerListFileIT {

    private static final String LAB = """
            # lab machines
            name,host,port,group
            web,127.0.0.1,5005,lab
            broken-row,127.0.0.1,notaport,lab
            """;

    /** Names as people write them, one server without a name (shown as host:port), nothing listening. */
    private static final String THREE_GROUPS = """
            name,host,port,group
            backup (down),127.0.0.1,1,lab
            ,127.0.0.1,2,production
            web-server-01,127.0.0.1,3,production
            db-primary,127.0.0.1,4,databases
            """;

    private IWorkbenchPage page;
    private ServerExplorer explorer;
    private Tree tree;
    private Label message;
    private Path listFile;
    private final List<String> questions = new ArrayList<>();
    private final Listener confirmRemoval = this::confirmRemoval;

    private void openExplorerOn(String text, int servers) throws Exception {
        listFile = service(ServerRepository.class).file();
        Files.createDirectories(listFile.getParent());
        Files.writeString(listFile, text);
        Files.deleteIfExists(listFile.resolveSibling(listFile.getFileName() + ".bak"));
        page = activePageWithoutExplorer();
        explorer = Adapters.adapt(page.showView(ServerExplorer.VIEW_ID), ServerExplorer.class);
        assertNotNull(explorer);
        tree = (Tree) find(workbenchShell(), "explorer.servers");
        message = (Label) find(workbenchShell(), "explorer.message");
        waitUntil("the list is loaded", () -> explorer.servers().size() == servers, message::getText);
    }

    @AfterEach
    void closeEverything() {
        Display.getCurrent().removeFilter(SWT.Show, confirmRemoval);
        closeConsolesDialogsAndExplorer(page);
    }

    @Test
    void aRowAddedByHandIsShownWithoutAnyActionAndAnAddKeepsItAndTheUnreadableRow() throws Exception {
        openExplorerOn(LAB, 1);
        assertTrue(message.getText().contains("1 row skipped"), message.getText());

        String byHand = LAB + "by hand,127.0.0.2,5006,lab\n";
        Files.writeString(listFile, byHand); // behind the console's back
        waitUntil("the explorer shows the row added by hand", () -> names(tree).contains("by hand"), message::getText);
        assertTrue(message.getText().contains("changed outside the console"), message.getText());

        CompletableFuture<Void> added = explorer.addServer(new Server("added", "127.0.0.3", 5007, "lab"));
        waitUntil("the add is saved", added::isDone, message::getText);
        added.get();
        assertEquals(byHand + "added,127.0.0.3,5007,lab\n", Files.readString(listFile),
                "the comment, the unreadable row and the row added by hand are all kept, in place");
        assertTrue(message.getText().contains("1 row skipped"), "the note stays after the edit: " + message.getText());
        assertEquals(List.of("added", "by hand", "web"), names(tree));
    }

    @Test
    void afterConnectAllAServerAddedToTheFileIsMonitoredAndOneRemovedFromItIsNot() throws Exception {
        openExplorerOn(THREE_GROUPS, 4);
        explorer.connectAll();
        waitUntil("every server has a status", () -> allItems(tree.getItems()).stream()
                .allMatch(item -> !item.getText(3).isEmpty()), () -> "");
        Files.writeString(listFile, THREE_GROUPS.replace("db-primary,127.0.0.1,4,databases\n", "")
                + "added later,127.0.0.1,5,lab\n"); // behind the console's back
        waitUntil("the server added to the file gets a status of its own", () -> "offline".equals(statusOf("added later")),
                () -> String.valueOf(statusOf("added later")));
        assertFalse(names(tree).contains("db-primary"));

        explorer.disconnectAll();
        Files.writeString(listFile, THREE_GROUPS); // db-primary back, after Disconnect All
        waitUntil("the explorer shows db-primary again", () -> names(tree).contains("db-primary"), message::getText);
        assertEquals("", statusOf("db-primary"), "after Disconnect All a new server is not connected");
    }

    private String statusOf(String name) {
        return allItems(tree.getItems()).stream().filter(item -> item.getText(0).equals(name)).findFirst()
                .map(item -> item.getText(3)).orElse(null);
    }

    @Test
    void theDeleteKeyRemovesTheSelectedServerAfterAskingAndAnIpPortFileKeepsItsForm() throws Exception {
        openExplorerOn("127.0.0.1,5005\n127.0.0.1,5006\n", 2);
        assertEquals(List.of("127.0.0.1:5005", "127.0.0.1:5006"), names(tree), "servers without a name are told apart");
        TreeItem item = serverItem("127.0.0.1:5006");
        Rectangle bounds = item.getBounds(0);
        Point center = tree.toDisplay(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
        mouseClickAt(tree.getDisplay(), center.x, center.y, 1);
        waitUntil("the server is selected", () -> tree.getSelectionCount() == 1 && tree.getSelection()[0] == item);

        Display.getCurrent().addFilter(SWT.Show, confirmRemoval);
        pressKey(tree, 0, SWT.DEL);

        waitUntil("the server is gone from the view and the file", () -> names(tree).equals(List.of("127.0.0.1:5005"))
                && readQuietly(listFile).equals("127.0.0.1,5005\n"), () -> names(tree) + " " + readQuietly(listFile)
                        + ", asked " + questions + ", Delete handled " + deleteCommand().isHandled());
        assertEquals(List.of("Remove Servers"), questions, "Delete asks as Remove does");
    }

    @Test
    void everyColumnIsVisibleAtTheDefaultSizeAndAt1280x800() throws Exception {
        openExplorerOn(THREE_GROUPS, 4);
        explorer.connectAll();
        waitUntil("every server has a status", () -> allItems(tree.getItems()).stream()
                .allMatch(item -> !item.getText(3).isEmpty()), () -> "");
        Shell shell = (Shell) workbenchShell();
        for (Point size : List.of(new Point(1200, 800), new Point(1280, 800))) {
            shell.setMaximized(false);
            shell.setSize(size);
            waitUntil("the window is " + size, () -> shell.getSize().equals(size), () -> "" + shell.getSize());
            waitUntil("the columns fit the explorer at " + size, () -> totalWidth(tree) <= tree.getClientArea().width,
                    () -> totalWidth(tree) + " > " + tree.getClientArea().width);
            GC gc = new GC(tree);
            try {
                for (var column : tree.getColumns()) {
                    assertTrue(column.getWidth() > gc.textExtent(column.getText()).x, column.getText() + " is cut at " + size);
                }
                assertCellsWhole(tree.getItems(), gc, size);
            } finally {
                gc.dispose();
            }
        }
    }

    private static List<org.eclipse.swt.widgets.TreeItem> allItems(org.eclipse.swt.widgets.TreeItem[] items) {
        List<org.eclipse.swt.widgets.TreeItem> all = new ArrayList<>();
        for (var item : items) {
            all.add(item);
            all.addAll(allItems(item.getItems()));
        }
        return all;
    }

    /** Every text the tree shows, names and status words included, fits its column (the name after its indent and icon). */
    private static void assertCellsWhole(org.eclipse.swt.widgets.TreeItem[] items, GC gc, Point size) {
        for (var item : items) {
            for (int i = 0; i < item.getParent().getColumnCount(); i++) {
                int start = i == 0 ? item.getTextBounds(0).x : 0;
                int needed = start + gc.textExtent(item.getText(i)).x;
                assertTrue(needed <= item.getParent().getColumn(i).getWidth(), "'" + item.getText(i) + "' is cut in column "
                        + item.getParent().getColumn(i).getText() + " at " + size);
            }
            assertCellsWhole(item.getItems(), gc, size);
        }
    }

    private static org.eclipse.core.commands.Command deleteCommand() {
        return PlatformUI.getWorkbench().getService(org.eclipse.ui.commands.ICommandService.class)
                .getCommand(org.eclipse.ui.IWorkbenchCommandConstants.EDIT_DELETE);
    }

    private void confirmRemoval(Event event) {
        if (event.widget instanceof Shell shell && shell.getText().equals("Remove Servers")) {
            questions.add(shell.getText());
            shell.getDisplay().asyncExec(() -> pressButton(shell, IDialogConstants.OK_LABEL));
        }
    }

    private TreeItem serverItem(String name) {
        for (TreeItem group : tree.getItems()) {
            for (TreeItem item : group.getItems()) {
                if (item.getText(0).equals(name)) {
                    return item;
                }
            }
        }
        throw new AssertionError("no server row '" + name + "' in " + names(tree));
    }

    /** The names of the servers shown, sorted, whatever their groups. */
    private static List<String> names(Tree tree) {
        return Arrays.stream(tree.getItems()).flatMap(group -> Arrays.stream(group.getItems()))
                .map(item -> item.getText(0)).sorted().toList();
    }

    private static int totalWidth(Tree tree) {
        return Arrays.stream(tree.getColumns()).mapToInt(column -> column.getWidth()).sum();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
