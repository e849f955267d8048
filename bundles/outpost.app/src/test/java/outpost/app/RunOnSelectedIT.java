package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.agent.ShellPolicy;
import outpost.console.ui.GroupCommandInput;
import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;
import outpost.servers.ServerRepository;

/**
 * One command line to a group, from the Server Explorer: three real agents and one address where
 * nothing listens, chosen with real clicks, Run on Selected... from the context menu (opened with
 * Shift+F10, its item taken by its mnemonic), the line typed into the dialog; then a long command
 * on three of them, and Cancel stops it on every agent; then a line the agents' allow-list refuses.
 */
class RunOnSelectedIT {

    private ExtraAgents extraAgents;
    private final List<Integer> ports = new ArrayList<>();
    private int freePort;
    private int readerPort;
    private IWorkbenchPage page;

    @BeforeEach
    void startAgentsAndList() throws Exception {
        extraAgents = new ExtraAgents();
        ConsoleLogins logins = new ConsoleLogins();
        for (int i = 0; i < 3; i++) {
            ports.add(logins.startKnown(extraAgents, settings -> settings.withShell(
                    new ShellPolicy(List.of("echo *", "sleep *"), List.of()), Duration.ofSeconds(60), 1 << 20)));
        }
        // a fourth agent whose token has the read role only: shell commands are forbidden to it
        Path readerData = Files.createTempDirectory("outpost-run-on-selected-it");
        String readerToken = "reader-" + ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        Files.writeString(readerData.resolve("tokens.properties"), "reader.sha256=" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(readerToken.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                + "\nreader.roles=read\n");
        readerPort = logins.know(ConsoleLogins.start(extraAgents, readerData, settings -> settings.withShell(
                new ShellPolicy(List.of("echo *"), List.of()), Duration.ofSeconds(60), 1 << 20)), readerToken);
        freePort = logins.nobodyThere();
        logins.write();
        service(ServerRepository.class).save(List.of(new Server("agent-1", "127.0.0.1", ports.get(0), "fleet"),
                new Server("agent-2", "127.0.0.1", ports.get(1), "fleet"),
                new Server("agent-3", "127.0.0.1", ports.get(2), "fleet"),
                new Server("down", "127.0.0.1", freePort, "fleet"), new Server("reader", "127.0.0.1", readerPort, "readers")));
        page = activePageWithoutExplorer();
    }

    @AfterEach
    void stopEverything() {
        closeConsolesDialogsAndExplorer(page);
        extraAgents.close();
    }

    @Test
    void aGroupCommandReachesEveryAgentReportsTheDownOneAndCancelStopsThemAll() throws Exception {
        ServerExplorer explorer = Adapters.adapt(page.showView(ServerExplorer.VIEW_ID), ServerExplorer.class);
        waitUntil("the list is loaded", () -> explorer.servers().size() == 5);
        Tree tree = (Tree) find(workbenchShell(), "explorer.servers");
        waitUntil("the group shows its four servers", () -> tree.getItemCount() == 2 && tree.getItem(0).getItemCount() == 4);

        // the group row stands for all its servers
        TreeItem group = tree.getItem(0);
        click(tree, group);
        String word = "hello-" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        Shell dialog = openRunDialog(tree);
        Text targets = (Text) find(dialog, "run.targets");
        assertEquals(4, targets.getText().lines().count(), targets.getText());
        assertTrue(targets.getText().contains("down  (127.0.0.1:" + freePort + ")"), targets.getText());
        assertTrue(dialog.getText().startsWith("Run on Selected"), dialog.getText());
        Combo first = (Combo) find(dialog, "run.command");
        waitUntil("the command line has the keyboard as the dialog opens", first::isFocusControl,
                () -> "focus on " + dialog.getDisplay().getFocusControl());
        typeText(first, "sh: echo " + word + "\r");

        waitUntil("the results editor opens", () -> page.getActiveEditor() != null
                && page.getActiveEditor().getEditorInput() instanceof GroupCommandInput input
                && input.commandLine().equals("sh: echo " + word) && input.servers().size() == 4);
        Table table = (Table) find(workbenchShell(), "group.table");
        Label summary = (Label) find(workbenchShell(), "group.summary");
        Button cancel = (Button) find(workbenchShell(), "group.cancel");
        waitUntil("three agents answer, the address where nothing listens is unreachable",
                () -> summary.getText().equals("3 ok, 0 failed, 1 unreachable"), () -> summary.getText() + rows(table), 30_000);
        for (int i = 0; i < 3; i++) {
            TableItem row = table.getItem(i);
            assertEquals(List.of("agent-" + (i + 1), "ok", "0", word), List.of(row.getText(0), row.getText(1),
                    row.getText(2), row.getText(4)), rows(table));
            assertTrue(row.getText(3).endsWith("ms") || row.getText(3).endsWith(" s"), "a duration: " + row.getText(3));
        }
        TableItem down = table.getItem(3);
        assertEquals(List.of("down", "unreachable", ""), List.of(down.getText(0), down.getText(1), down.getText(2)));
        assertTrue(down.getText(4).toLowerCase().contains("refused"), "the reason: " + down.getText(4));
        assertTrue(!cancel.isEnabled(), "nothing left to cancel");

        StyledText output = (StyledText) find(workbenchShell(), "group.output");
        click(table, table.getItem(1));
        waitUntil("a row's whole output shows below", () -> output.getText().equals(word + "\n"), output::getText);
        click(table, down);
        waitUntil("the down server's reason shows below", () -> output.getText().startsWith("[unreachable: "), output::getText);

        // three servers: a click on the first, Shift+Down to the third; then a long command, cancelled on all of them
        // (a Ctrl+click posted through XTest selected only the row clicked under Xvfb and openbox)
        page.activate(page.findView(ServerExplorer.VIEW_ID));
        click(tree, ExplorerRows.row(tree, "agent-1"));
        pressKey(tree, SWT.SHIFT, SWT.ARROW_DOWN);
        pressKey(tree, SWT.SHIFT, SWT.ARROW_DOWN);
        waitUntil("three servers selected", () -> tree.getSelectionCount() == 3,
                () -> java.util.Arrays.stream(tree.getSelection()).map(item -> item.getText(0)).toList().toString());
        Shell second = openRunDialog(tree);
        Combo command = (Combo) find(second, "run.command");
        assertEquals("sh: echo " + word, command.getItem(0), "the last command is offered again");
        assertTrue(((Text) find(second, "run.targets")).getText().lines().count() == 3);
        typeText(command, "sh: sleep 30\r");
        waitUntil("a second results editor opens", () -> page.getActiveEditor() != null
                && page.getActiveEditor().getEditorInput() instanceof GroupCommandInput input
                && input.commandLine().equals("sh: sleep 30"));
        assertEquals(2, page.getEditorReferences().length, "the first results stay open");
        Table sleeping = (Table) find(workbenchShell(), "group.table");
        Label sleepSummary = (Label) find(workbenchShell(), "group.summary");
        Button stop = (Button) find(workbenchShell(), "group.cancel");
        waitUntil("the command runs on all three agents", () -> statuses(sleeping).equals(List.of("running", "running", "running")),
                () -> rows(sleeping));
        assertTrue(stop.isEnabled());
        long cancelledAt = System.nanoTime();
        mouseClick(stop, 1);
        waitUntil("Cancel ends every row as cancelled", () -> sleepSummary.getText()
                .equals("0 ok, 0 failed, 0 unreachable, 3 cancelled"), () -> sleepSummary.getText() + rows(sleeping));
        assertTrue(System.nanoTime() - cancelledAt < Duration.ofSeconds(25).toNanos(), "the agents stopped the command");
        assertTrue(!stop.isEnabled());
        for (TableItem row : sleeping.getItems()) {
            assertEquals("", row.getText(2), "a cancelled command has no exit code");
        }

        // each agent's shell allow-list and roles still decide: a line none allows fails on every row...
        page.activate(page.findView(ServerExplorer.VIEW_ID));
        Shell third = openRunDialog(tree);
        typeText(find(third, "run.command"), "sh: uname -a\r");
        Label notAllowed = resultsOf("sh: uname -a", 3);
        waitUntil("every agent refuses a line its allow-list does not have", () -> notAllowed.getText()
                .equals("0 ok, 3 failed, 0 unreachable"), notAllowed::getText);
        Table failed = (Table) find(workbenchShell(), "group.table");
        assertTrue(failed.getItem(0).getText(4).contains("not allowed by this agent's shell.allow"), rows(failed));

        // ... and a token without the execute role is forbidden shell commands
        page.activate(page.findView(ServerExplorer.VIEW_ID));
        click(tree, tree.getItem(1)); // the group "readers"
        Shell fourth = openRunDialog(tree);
        typeText(find(fourth, "run.command"), "sh: echo " + word + "\r");
        Label forbidden = resultsOf("sh: echo " + word, 1);
        waitUntil("the read-only token's row says forbidden", () -> forbidden.getText()
                .equals("0 ok, 0 failed, 0 unreachable, 1 forbidden"), forbidden::getText);
        Table readers = (Table) find(workbenchShell(), "group.table");
        assertEquals(List.of("reader", "forbidden"), List.of(readers.getItem(0).getText(0), readers.getItem(0).getText(1)));
        assertTrue(readers.getItem(0).getText(4).contains("execute"), "the agent names the missing role: " + rows(readers));
    }

    /** Waits for the results editor of this command line on this many servers; returns its summary. */
    private Label resultsOf(String commandLine, int servers) throws InterruptedException {
        waitUntil("the results of '" + commandLine + "' open", () -> page.getActiveEditor() != null
                && page.getActiveEditor().getEditorInput() instanceof GroupCommandInput input
                && input.commandLine().equals(commandLine) && input.servers().size() == servers);
        return (Label) find(workbenchShell(), "group.summary");
    }

    /** Opens the tree's context menu on the selected rows, takes "Run on Selected..." by its mnemonic and waits for the dialog. */
    private static Shell openRunDialog(Tree tree) throws InterruptedException {
        Shell workbench = tree.getShell();
        Display display = tree.getDisplay();
        // Menu.isVisible() stays false for a GTK popup menu: its Show and Hide events tell instead
        boolean[] shown = new boolean[1];
        int[] counts = new int[2];
        org.eclipse.swt.widgets.Listener showHide = event -> {
            shown[0] = event.type == SWT.Show;
            counts[event.type == SWT.Show ? 0 : 1]++;
        };
        tree.getMenu().addListener(SWT.Show, showHide);
        tree.getMenu().addListener(SWT.Hide, showHide);
        // Opened from the keyboard (Shift+F10): a popup that XTest's right button opens on GTK is
        // closed again by the button's release, which comes faster than any hand's.
        pressKey(tree, SWT.SHIFT, SWT.F10);
        waitUntil("the context menu opens", () -> shown[0], () -> "shown " + counts[0] + ", hidden " + counts[1]
                + ", editors " + org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().getEditorReferences().length);
        // The menu may take the keyboard a moment after it is shown: the mnemonic is typed again
        // while the menu is still open and no dialog came (a key the tree got instead does nothing).
        Shell dialog = null;
        for (int attempt = 0; attempt < 20 && dialog == null; attempt++) {
            if (shown[0]) {
                Event key = new Event();
                key.type = SWT.KeyDown;
                key.character = 'u'; // R&un on Selected...
                display.post(key);
                key.type = SWT.KeyUp;
                display.post(key);
            }
            long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (dialog == null && System.nanoTime() < until) {
                while (display.readAndDispatch()) {
                    // let the menu and the dialog handle their events
                }
                dialog = runDialog(display, workbench);
                Thread.sleep(10);
            }
        }
        tree.getMenu().removeListener(SWT.Show, showHide);
        tree.getMenu().removeListener(SWT.Hide, showHide);
        assertTrue(dialog != null, "the Run on Selected dialog opens from the context menu");
        return dialog;
    }

    private static Shell runDialog(Display display, Shell workbench) {
        for (Shell shell : display.getShells()) {
            if (shell != workbench && !shell.isDisposed() && shell.isVisible() && findOrNull(shell, "run.command") != null) {
                return shell;
            }
        }
        return null;
    }

    /** Clicks a tree row with the left button. */
    private static void click(Tree tree, TreeItem row) throws InterruptedException {
        tree.getShell().forceActive();
        tree.forceFocus();
        waitUntil("the tree has focus", tree::isFocusControl);
        Point at = centre(tree, row);
        mouseClickAt(tree.getDisplay(), at.x, at.y, 1);
    }

    private static void click(Table table, TableItem row) throws InterruptedException {
        table.getShell().forceActive();
        table.forceFocus();
        Rectangle bounds = row.getBounds(0);
        Point at = table.toDisplay(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
        mouseClickAt(table.getDisplay(), at.x, at.y, 1);
    }

    private static Point centre(Tree tree, TreeItem row) {
        Rectangle bounds = row.getBounds(0);
        return tree.toDisplay(bounds.x + Math.min(bounds.width / 2, 40), bounds.y + bounds.height / 2);
    }

    private static List<String> statuses(Table table) {
        List<String> statuses = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            statuses.add(item.getText(1));
        }
        return statuses;
    }

    private static String rows(Table table) {
        StringBuilder rows = new StringBuilder();
        for (TableItem item : table.getItems()) {
            rows.append('\n');
            for (int column = 0; column < table.getColumnCount(); column++) {
                rows.append(item.getText(column)).append(" | ");
            }
        }
        return rows.toString();
    }
}
