package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.explorer.ui.ServerExplorer;
import outpost.servers.ServerRepository;

/**
 * The Server Explorer in the real workbench under Xvfb: the list file as a tree by group, filter
 * and sort, import with a report by line, the Add dialog saving the file, export, and the live
 * columns against a real agent on loopback.
 */
class ServerExplorerIT {


    private Agent agent;
    private Agent.AgentStartup startup;
    private int port;
    private Path listFile;
    private Path work;
    private IWorkbenchPage page;
    private ServerExplorer explorer;
    private Tree tree;
    private Label message;

    @BeforeEach
    void startAgentAndWriteTheListFile() throws Exception {
        agent = service(Agent.class);
        work = Files.createTempDirectory("outpost-explorer-it");
        startup = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), work.resolve("agent")));
        port = startup.address().getPort();
        String token = Files.readString(work.resolve("agent").resolve("token")).strip();
        Files.deleteIfExists(knownAgents()); // a new agent identity each run
        Path tokens = Path.of(System.getProperty("outpost.tokens"));
        Files.createDirectories(tokens.getParent());
        // "nobody home" has a token too (so it is tried and found offline); the .invalid servers have none
        Files.writeString(tokens, "127.0.0.1\\:" + port + "=" + token + "\n127.0.0.1\\:1=" + token + "\n");
        listFile = service(ServerRepository.class).file();
        Files.createDirectories(listFile.getParent());
        Files.writeString(listFile, """
                name,host,port,group
                web 1,web-01.invalid,5005,prod
                test agent,127.0.0.1,%d,lab
                db,db.invalid,5006,prod
                nobody home,127.0.0.1,1,lab
                laptop,::1,5007,
                """.formatted(port));
        page = activePageWithoutExplorer();
        IViewPart view = page.showView(ServerExplorer.VIEW_ID);
        explorer = Adapters.adapt(view, ServerExplorer.class);
        assertNotNull(explorer, "the view offers the ServerExplorer interface");
        tree = (Tree) find(workbenchShell(), "explorer.servers");
        message = (Label) find(workbenchShell(), "explorer.message");
        waitUntil("the list is loaded", () -> explorer.servers().size() == 5, message::getText);
    }

    @AfterEach
    void closeEverything() {
        closeConsolesDialogsAndExplorer(page);
        agent.stop();
    }

    @Test
    void theListIsATreeByGroupThatFiltersAndSorts() throws Exception {
        assertEquals(List.of("lab", "prod", ServerExplorer.NO_GROUP), texts(tree.getItems(), 0), "groups by name, no group last");
        assertEquals(List.of("nobody home", "test agent"), texts(tree.getItem(0).getItems(), 0));
        assertEquals(List.of("db", "web 1"), texts(tree.getItem(1).getItems(), 0));
        assertEquals(List.of("laptop"), texts(tree.getItem(2).getItems(), 0));
        assertTrue(message.getText().startsWith("5 servers from " + listFile), message.getText());

        Text filter = (Text) find(workbenchShell(), "explorer.filter");
        filter.setText("INVALID");
        waitUntil("the filter keeps the hosts that match", () -> texts(tree.getItems(), 0).equals(List.of("prod")));
        assertEquals(List.of("db", "web 1"), texts(tree.getItem(0).getItems(), 0));
        filter.setText("lab");
        waitUntil("a group name matches its servers", () -> texts(tree.getItems(), 0).equals(List.of("lab")));
        filter.setText("");
        waitUntil("an empty filter shows all", () -> tree.getItemCount() == 3);

        int portColumn = columnIndex("Port");
        tree.getColumn(portColumn).notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of("1", Integer.toString(port)), texts(tree.getItem(0).getItems(), portColumn));
        assertEquals(List.of("5005", "5006"), texts(tree.getItem(1).getItems(), portColumn));
        tree.getColumn(portColumn).notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of("5006", "5005"), texts(tree.getItem(1).getItems(), portColumn), "a second click reverses");
        assertEquals(SWT.DOWN, tree.getSortDirection());
    }

    @Test
    void importAddsNewServersAndReportsMalformedRowsAndDuplicatesByLine() throws Exception {
        Path imported = work.resolve("more.csv");
        Files.writeString(imported, """
                host,port,name,group
                cache.invalid,5005,cache,prod
                broken.invalid,http,broken,prod
                db.invalid,5006,db again,prod
                bad host!,5005,typo,lab
                127.1.2.3,5005,new lab box,lab
                """);
        Future<?> done = explorer.importList(imported);
        waitUntil("the import is done", done::isDone, message::getText);
        String report = message.getText();
        assertTrue(report.contains("2 servers added, 1 already in the list, 2 rows skipped"), report);
        assertTrue(report.contains("line 3: port must be a number, not 'http'"), report);
        assertTrue(report.contains("line 4: db.invalid:5006 is already in the list as 'db': not added again"), report);
        assertTrue(report.contains("line 5: invalid host 'bad host!'"), report);
        assertEquals(List.of("cache", "db", "web 1"), texts(tree.getItem(1).getItems(), 0));
        assertEquals(List.of("new lab box", "nobody home", "test agent"), texts(tree.getItem(0).getItems(), 0));
        String saved = Files.readString(listFile);
        assertTrue(saved.contains("cache,cache.invalid,5005,prod\n") && saved.contains("new lab box,127.1.2.3,5005,lab\n"), saved);
        assertFalse(saved.contains("db again"), "a duplicate is not added twice");
    }

    @Test
    void theAddDialogValidatesAndSavesTheListAtOnce() throws Exception {
        explorer.openAddDialog();
        Shell dialog = waitForShell("Add Server");
        Text name = (Text) find(dialog, "server.name");
        Text host = (Text) find(dialog, "server.host");
        Text portField = (Text) find(dialog, "server.port");
        Button ok = (Button) find(dialog, "server.ok");
        assertEquals("5005", portField.getText(), "the default port is proposed");
        assertFalse(ok.isEnabled(), "nothing to add yet");

        name.setText("backup");
        host.setText("999.1.1.1");
        assertFalse(ok.isEnabled());
        assertTrue(dialogText(dialog).contains("'999.1.1.1' is neither a DNS name nor an IPv4 or IPv6 address."), dialogText(dialog));
        host.setText("db.invalid");
        portField.setText("5006");
        assertFalse(ok.isEnabled());
        assertTrue(dialogText(dialog).contains("db.invalid:5006 is already in the list as 'db'."), dialogText(dialog));
        portField.setText("70000");
        assertTrue(dialogText(dialog).contains("The port must be a number from 1 to 65535."), dialogText(dialog));
        host.setText("2001:db8::10");
        portField.setText("5010");
        ((org.eclipse.swt.widgets.Combo) find(dialog, "server.group")).setText("backups");
        assertTrue(ok.isEnabled(), dialogText(dialog));
        ok.notifyListeners(SWT.Selection, new Event());

        waitUntil("the dialog closes", dialog::isDisposed);
        waitUntil("the list file holds the new server",
                () -> read(listFile).contains("backup,2001:db8::10,5010,backups\n"), () -> read(listFile));
        assertEquals(List.of("backups", "lab", "prod", ServerExplorer.NO_GROUP), texts(tree.getItems(), 0));
        assertEquals("name,host,port,group", read(listFile).lines().findFirst().orElseThrow(), "saved in the header form");
        assertEquals(List.of(), leftovers(listFile.getParent()), "no temporary file stays behind");
    }

    @Test
    void theEditDialogChangesTheServerInPlaceAndSavesTheList() throws Exception {
        tree.setSelection(serverItem("db"));
        tree.notifyListeners(SWT.Selection, new Event());
        explorer.editSelected();
        Shell dialog = waitForShell("Edit Server");
        Text portField = (Text) find(dialog, "server.port");
        Button ok = (Button) find(dialog, "server.ok");
        assertEquals("5006", portField.getText(), "the dialog shows the server's fields");
        assertTrue(ok.isEnabled(), "keeping its own host and port is no duplicate");
        portField.setText("5005");
        ((Text) find(dialog, "server.host")).setText("web-01.invalid");
        assertFalse(ok.isEnabled(), "but taking another server's is");
        ((Text) find(dialog, "server.host")).setText("db2.invalid");
        ((Text) find(dialog, "server.name")).setText("db 2");
        ok.notifyListeners(SWT.Selection, new Event());
        waitUntil("the list file holds the edited server in its place",
                () -> read(listFile).contains("web 1,web-01.invalid,5005,prod\ntest agent,127.0.0.1," + port
                        + ",lab\ndb 2,db2.invalid,5005,prod\n"), () -> read(listFile));
        assertFalse(read(listFile).contains("db.invalid"));
        assertEquals(List.of("db 2", "web 1"), texts(tree.getItem(1).getItems(), 0));
    }

    @Test
    void exportWritesTheListInTheHeaderForm() throws Exception {
        Path exported = work.resolve("export").resolve("servers-copy.csv");
        Future<?> done = explorer.exportList(exported);
        waitUntil("the export is done and reported", () -> done.isDone() && message.getText().startsWith("Exported"),
                message::getText);
        assertEquals("""
                name,host,port,group
                web 1,web-01.invalid,5005,prod
                test agent,127.0.0.1,%d,lab
                db,db.invalid,5006,prod
                nobody home,127.0.0.1,1,lab
                laptop,::1,5007,
                """.formatted(port), Files.readString(exported));
        assertTrue(message.getText().contains("Exported 5 servers to " + exported), message.getText());
        assertEquals(List.of(), leftovers(exported.getParent()));
    }

    @Test
    void connectAllShowsTheLiveStateOfEveryServer() throws Exception {
        int status = columnIndex("Status");
        TreeItem lab = tree.getItem(0);
        explorer.connectAll();
        waitUntil("an agent never trusted is not connected behind the user's back",
                () -> "certificate not trusted".equals(serverItem("test agent").getText(status)), this::labRows);
        waitUntil("a port nobody listens on is offline", () -> "offline".equals(serverItem("nobody home").getText(status)),
                this::labRows);
        waitUntil("a server without a stored token where nothing answers is offline, not 'no token'",
                () -> "offline".equals(serverItem("web 1").getText(status)), this::labRows);
        assertFalse(Files.exists(knownAgents()) && Files.readString(knownAgents()).contains(":" + port + "="),
                "the explorer pins nothing by itself");

        // The user trusts the agent (as its console does on first contact), then connects again.
        pin("127.0.0.1:" + port, startup.fingerprint().orElseThrow());
        explorer.connectAll();
        waitUntil("the agent is online with a CPU value",
                () -> "online".equals(serverItem("test agent").getText(status))
                        && serverItem("test agent").getText(columnIndex("CPU")).matches("[0-9]+\\.[0-9] %"),
                this::labRows);
        TreeItem online = serverItem("test agent");
        assertTrue(online.getText(columnIndex("RAM")).matches("[0-9]+\\.[0-9] %"), labRows());
        assertTrue(online.getText(columnIndex("Latency")).matches("[0-9]+\\.[0-9] ms"), labRows());
        assertEquals("1 of 2 online", lab.getText(status), "the group row counts its online servers");
        assertEquals("", serverItem("nobody home").getText(columnIndex("CPU")), "no values for a server that is down");
        IViewPart view = page.findView(ServerExplorer.VIEW_ID);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        waitUntil("the maximized view shows every column", () -> tree.getClientArea().width > 800);
        screenshot(listFile.resolveSibling("server-explorer.png")); // for the README, taken as a user sees it
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);

        explorer.disconnectAll();
        waitUntil("disconnecting empties the live columns", () -> "".equals(serverItem("test agent").getText(status)), this::labRows);
        explorer.connectGroup("lab");
        waitUntil("a group can be connected alone", () -> "online".equals(serverItem("test agent").getText(status)), this::labRows);
        assertEquals("", serverItem("web 1").getText(status), "other groups stay disconnected");

        agent.stop();
        waitUntil("an agent that stops turns offline", () -> "offline".equals(serverItem("test agent").getText(status)),
                this::labRows);

        page.hideView(page.findView(ServerExplorer.VIEW_ID));
        waitUntil("closing the view ends the monitor's threads, though its agents are down",
                () -> monitorThreads().isEmpty(), () -> monitorThreads().toString());
    }

    /** Saves what the workbench window shows (Xvfb has no window decorations to crop). */
    private static void screenshot(Path file) {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        Display display = shell.getDisplay();
        org.eclipse.swt.graphics.Rectangle bounds = shell.getBounds();
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(display, bounds.width, bounds.height);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static List<String> monitorThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("outpost-explorer-monitor")).toList();
    }

    @Test
    void openingAServerOpensItsConsoleAndOpeningAgainFocusesIt() throws Exception {
        TreeItem server = serverItem("test agent");
        tree.setSelection(server);
        Event open = new Event();
        open.item = server;
        tree.notifyListeners(SWT.DefaultSelection, open);
        waitUntil("a console editor opens", () -> page.getActiveEditor() != null);
        var editor = page.getActiveEditor();
        assertEquals("test agent", editor.getTitle());
        page.activate(page.findView(ServerExplorer.VIEW_ID));
        tree.notifyListeners(SWT.DefaultSelection, open);
        waitUntil("the same console is brought to the front", () -> page.getActiveEditor() == editor);
        assertEquals(1, page.getEditorReferences().length);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private TreeItem serverItem(String name) {
        return ExplorerRows.row(tree, name);
    }

    private String labRows() {
        return ExplorerRows.rows(tree);
    }

    private int columnIndex(String title) {
        return ExplorerRows.columnIndex(tree, title);
    }

    private static List<String> texts(TreeItem[] items, int column) {
        return Arrays.stream(items).map(item -> item.getText(column)).toList();
    }

    /** Pins a certificate as the client's KnownAgents file keeps it (a properties file). */
    private static void pin(String endpoint, String fingerprint) throws java.io.IOException {
        java.util.Properties known = new java.util.Properties();
        known.setProperty(endpoint, fingerprint);
        try (var out = Files.newBufferedWriter(knownAgents())) {
            known.store(out, null);
        }
    }

    private static Path knownAgents() {
        return Path.of(System.getProperty("outpost.knownAgents"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static List<Path> leftovers(Path directory) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** Everything a dialog shows: its title area's error message is a Text or Label somewhere in it. */
    private static String dialogText(Composite root) {
        StringBuilder text = new StringBuilder();
        for (Control child : root.getChildren()) {
            if (child instanceof Label label) {
                text.append(label.getText()).append('\n');
            } else if (child instanceof Text field && (field.getStyle() & SWT.READ_ONLY) != 0) {
                text.append(field.getText()).append('\n');
            } else if (child instanceof org.eclipse.swt.custom.CLabel label) {
                text.append(label.getText()).append('\n');
            }
            if (child instanceof Composite composite) {
                text.append(dialogText(composite));
            }
        }
        return text.toString();
    }

    private static Shell waitForShell(String title) throws InterruptedException {
        Shell[] found = new Shell[1];
        waitUntil("the '" + title + "' dialog opens", () -> {
            for (Shell shell : Display.getCurrent().getShells()) {
                if (title.equals(shell.getText()) && shell.isVisible()) {
                    found[0] = shell;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
