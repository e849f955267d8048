package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.List;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.console.ui.ConsolePreferences;
import outpost.console.ui.ServerEditorInput;
import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;
import outpost.servers.ServerRepository;

/**
 * The fleet dashboard over three real agents and one address where nothing listens: every server
 * of the list on one screen, worst first, a group at a time, and a row opens its console (Enter here; a double-click was tried by hand).
 */
class DashboardIT {

    private static final String DASHBOARD_VIEW_ID = "outpost.explorer.ui.dashboard";

    private ExtraAgents extraAgents;
    private ConsoleLogins logins;
    private final List<Integer> ports = new ArrayList<>();
    private int freePort;
    private IWorkbenchPage page;

    @BeforeEach
    void startAgentsAndList() throws Exception {
        extraAgents = new ExtraAgents();
        logins = new ConsoleLogins();
        for (int i = 0; i < 3; i++) {
            ports.add(logins.startKnown(extraAgents, settings -> settings));
        }
        freePort = logins.nobodyThere();
        logins.write();
        InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE).putInt(ConsolePreferences.LIVE_REFRESH_SECONDS, 1);
        service(ServerRepository.class).save(List.of(new Server("web-a", "127.0.0.1", ports.get(0), "web"),
                new Server("web-b", "127.0.0.1", ports.get(1), "web"), new Server("db-a", "127.0.0.1", ports.get(2), "db"),
                new Server("gone", "127.0.0.1", freePort, "db")));
        page = activePageWithoutExplorer();
    }

    @AfterEach
    void stopEverything() {
        IViewPart dashboard = page.findView(DASHBOARD_VIEW_ID);
        if (dashboard != null) {
            page.hideView(dashboard);
        }
        closeConsolesDialogsAndExplorer(page);
        InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE).remove(ConsolePreferences.LIVE_REFRESH_SECONDS);
        extraAgents.close();
    }

    @Test
    void everyServerOnOneScreenWorstFirstByGroupAndARowOpensItsConsole() throws Exception {
        ServerExplorer explorer = Adapters.adapt(page.showView(ServerExplorer.VIEW_ID), ServerExplorer.class);
        waitUntil("the list is loaded", () -> explorer.servers().size() == 4);
        // as a user opens it: Window > Show View > Dashboard's keys, Alt+Shift+Q D
        org.eclipse.swt.widgets.Control tree = find(workbenchShell(), "explorer.servers");
        pressKey(tree, org.eclipse.swt.SWT.ALT | org.eclipse.swt.SWT.SHIFT, 'q');
        pressKey(tree, 0, 'd');
        waitUntil("Alt+Shift+Q D opens the dashboard", () -> page.findView(DASHBOARD_VIEW_ID) != null);
        Table table = (Table) find(workbenchShell(), "dashboard.table");
        Label summary = (Label) find(workbenchShell(), "dashboard.summary");
        waitUntil("every server is listed, none watched yet", () -> table.getItemCount() == 4
                && summary.getText().contains("4 not watched"), summary::getText);

        Button connectAll = (Button) find(workbenchShell(), "dashboard.connectAll");
        mouseClick(connectAll, 1);
        waitUntil("three agents online with their CPU, the empty address offline", () -> summary.getText()
                .startsWith("4 servers: 3 online, 1 offline") && cpuTexts(table).stream().filter(t -> t.endsWith("%")).count() == 3,
                () -> summary.getText() + " " + rows(table), 30_000);
        assertEquals("gone", table.getItem(0).getText(0), "worst first: the server that does not answer leads");
        assertEquals("offline", table.getItem(0).getText(1));
        waitUntil("an online server's last hour is drawn in its row", () -> sparklinePixels(table, 1) > 0);
        assertEquals(0, sparklinePixels(table, 0), "no line for a server never seen online");

        Combo group = (Combo) find(workbenchShell(), "dashboard.group");
        group.select(List.of(group.getItems()).indexOf("web"));
        group.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        waitUntil("a group alone", () -> table.getItemCount() == 2 && summary.getText().startsWith("2 servers: 2 online"),
                () -> rows(table).toString());

        TableItem webB = List.of(table.getItems()).stream().filter(item -> item.getText(0).equals("web-b")).findFirst()
                .orElseThrow();
        page.activate(page.findView(DASHBOARD_VIEW_ID));
        table.setFocus();
        Rectangle bounds = webB.getBounds(0);
        Point onScreen = table.toDisplay(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
        mouseClickAt(table.getDisplay(), onScreen.x, onScreen.y, 1);
        pressKey(table, 0, org.eclipse.swt.SWT.CR);
        waitUntil("Enter on a row opens that server's console (as a double-click does)", () -> page.getActiveEditor() != null
                && page.getActiveEditor().getEditorInput() instanceof ServerEditorInput input
                && input.server().port() == ports.get(1));
        assertTrue(page.getEditorReferences().length == 1);
    }

    @Test
    void watchingTheFleetCostsEachAgentsAuditLogNothingPerRefresh() throws Exception {
        page.showView(ServerExplorer.VIEW_ID);
        page.showView(DASHBOARD_VIEW_ID);
        Table table = (Table) find(workbenchShell(), "dashboard.table");
        Label summary = (Label) find(workbenchShell(), "dashboard.summary");
        mouseClick((Button) find(workbenchShell(), "dashboard.connectAll"), 1);
        waitUntil("three agents online with their CPU", () -> cpuTexts(table).stream().filter(t -> t.endsWith("%")).count() == 3,
                () -> summary.getText() + " " + rows(table), 30_000);
        Path audit = logins.dataFolder(ports.get(0)).resolve("audit.log.0");
        long before = auditLines(audit);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(4_500);
        waitUntil("four refreshes of 1 s go by", () -> System.nanoTime() - until > 0);
        assertEquals(3, cpuTexts(table).stream().filter(t -> t.endsWith("%")).count(), "still watched: " + rows(table));
        assertEquals(before, auditLines(audit), "one subscription per agent, audited when it ends, not a request per refresh: "
                + Files.readAllLines(audit));
    }

    private static long auditLines(Path audit) throws IOException {
        return Files.exists(audit) ? Files.readAllLines(audit).size() : 0;
    }

    /** Pixels of the sparkline's colour in the "CPU, last hour" cell of a row, read back from the screen. */
    private static int sparklinePixels(Table table, int row) {
        Rectangle cell = table.getItem(row).getBounds(3);
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(table.getDisplay(), cell.width, cell.height);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(table.getDisplay()); // the screen, as drawn
        try {
            Point corner = table.toDisplay(cell.x, cell.y);
            gc.copyArea(image, corner.x, corner.y);
            org.eclipse.swt.graphics.ImageData data = image.getImageData();
            org.eclipse.swt.graphics.RGB line = table.getDisplay().getSystemColor(org.eclipse.swt.SWT.COLOR_DARK_BLUE).getRGB();
            int count = 0;
            for (int y = 0; y < data.height; y++) {
                for (int x = 0; x < data.width; x++) {
                    if (data.palette.getRGB(data.getPixel(x, y)).equals(line)) {
                        count++;
                    }
                }
            }
            return count;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static List<String> cpuTexts(Table table) {
        List<String> texts = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            texts.add(item.getText(2));
        }
        return texts;
    }

    private static List<String> rows(Table table) {
        List<String> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            rows.add(item.getText(0) + "|" + item.getText(1) + "|" + item.getText(2));
        }
        return rows;
    }
}
