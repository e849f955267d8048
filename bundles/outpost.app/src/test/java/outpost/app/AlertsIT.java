package outpost.app;

import static outpost.app.WorkbenchRobot.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.client.KnownAgents;
import outpost.console.ui.ConsolePreferences;
import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;
import outpost.servers.ServerRepository;

/**
 * Alerts against a real agent on loopback: a real CPU burn on this machine raises a CPU alert (the
 * explorer row turns red, a desktop notification appears, the Alerts view lists it open), and
 * stopping the burn ends it by itself; an agent that is not there raises "unreachable".
 */
class AlertsIT {

    private static final String ALERTS_VIEW_ID = "outpost.explorer.ui.alerts";
    /** The explorer's preference node and the Alerts preference page's keys. */
    private static final String EXPLORER_NODE = "outpost.explorer.ui";

    private Agent agent;
    private int port;
    private int freePort;
    private Path work;
    private IWorkbenchPage page;
    private final AtomicBoolean burning = new AtomicBoolean();
    private final List<Thread> burners = new ArrayList<>();

    @BeforeEach
    void startAgentAndList() throws Exception {
        agent = service(Agent.class);
        work = Files.createTempDirectory("outpost-alerts-it");
        Agent.AgentStartup startup = agent.start(AgentSettings.defaults(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), work.resolve("agent")));
        port = startup.address().getPort();
        String token = Files.readString(work.resolve("agent").resolve("token")).strip();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort(); // nothing listens there once closed
        }
        Path knownAgents = Path.of(System.getProperty("outpost.knownAgents"));
        Files.deleteIfExists(knownAgents); // a new agent identity each run: trusted as its console would on first contact
        new KnownAgents(knownAgents).remember("127.0.0.1", port, startup.fingerprint().orElseThrow());
        Path tokens = Path.of(System.getProperty("outpost.tokens"));
        Files.createDirectories(tokens.getParent());
        Files.writeString(tokens, "127.0.0.1\\:" + port + "=" + token + "\n127.0.0.1\\:" + freePort + "=" + token + "\n");
        InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE).putInt(ConsolePreferences.LIVE_REFRESH_SECONDS, 1);
        IEclipsePreferences alerts = InstanceScope.INSTANCE.getNode(EXPLORER_NODE);
        alerts.putInt("alerts.cpuPercent", 80);
        alerts.putInt("alerts.cpuMinutes", 0);
        alerts.putInt("alerts.unreachableSeconds", 2);
        service(ServerRepository.class).save(List.of(new Server("busy box", "127.0.0.1", port, "lab"),
                new Server("nobody home", "127.0.0.1", freePort, "lab")));
        page = activePageWithoutExplorer();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        stopBurning();
        IViewPart alertsView = page.findView(ALERTS_VIEW_ID);
        if (alertsView != null) {
            page.hideView(alertsView);
        }
        closeConsolesDialogsAndExplorer(page);
        InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE).remove(ConsolePreferences.LIVE_REFRESH_SECONDS);
        IEclipsePreferences alerts = InstanceScope.INSTANCE.getNode(EXPLORER_NODE);
        alerts.remove("alerts.cpuPercent");
        alerts.remove("alerts.cpuMinutes");
        alerts.remove("alerts.unreachableSeconds");
        agent.stop();
    }

    @Test
    void aCpuBurnRaisesAnAlertThatEndsByItselfAndAnAbsentAgentIsUnreachable() throws Exception {
        ServerExplorer explorer = Adapters.adapt(page.showView(ServerExplorer.VIEW_ID), ServerExplorer.class);
        Tree tree = (Tree) find(workbenchShell(), "explorer.servers");
        waitUntil("the list is loaded", () -> explorer.servers().size() == 2);
        page.showView(ALERTS_VIEW_ID);
        Table alerts = (Table) find(workbenchShell(), "alerts.table");
        page.activate(page.findView(ServerExplorer.VIEW_ID));
        explorer.connectAll();

        waitUntil("the agent that is not there raises 'unreachable' after 2 s", () -> rows(alerts).stream()
                .anyMatch(row -> row.startsWith("open|nobody home") && row.contains("|Unreachable|")),
                () -> String.join("\n", rows(alerts)), 30_000);
        Color plain = tree.getBackground(); // a row out of alert has none of its own (not busy box's: a loaded machine may have it in alert)
        waitUntil("the row of a server in alert has another background",
                () -> !plain.equals(serverRow(tree, "nobody home").getBackground(0)));
        waitUntil("the agent is online", () -> "online".equals(serverRow(tree, "busy box").getText(3)),
                () -> serverRow(tree, "busy box").getText(3));

        burn();
        waitUntil("a CPU burn on this machine raises a CPU alert for the agent", () -> rows(alerts).stream()
                .anyMatch(row -> row.startsWith("open|busy box") && row.contains("|CPU|")),
                () -> String.join("\n", rows(alerts)), 60_000);
        waitUntil("its row in the explorer turns red", () -> !serverRow(tree, "busy box").getBackground(0).equals(plain));
        waitUntil("a desktop notification names it", () -> notificationText().contains("busy box: CPU"),
                this::notificationText, 20_000);

        stopBurning();
        waitUntil("without the burn, the CPU alert ends by itself", () -> rows(alerts).stream()
                .anyMatch(row -> row.startsWith("ended|busy box") && row.contains("|CPU|")),
                () -> String.join("\n", rows(alerts)), 60_000);
        waitUntil("the row is plain again", () -> serverRow(tree, "busy box").getBackground(0).equals(plain));

        Path kept = Platform.getStateLocation(Platform.getBundle("outpost.explorer.ui")).append("alerts.json").toPath();
        waitUntil("the alerts are kept for the next start", () -> {
            try {
                return Files.readString(kept).contains("\"kind\": \"CPU\"");
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private void burn() {
        burning.set(true);
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread thread = new Thread(() -> {
                long x = 0;
                while (burning.get()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.print(""); // keeps the loop from being optimised away
                }
            }, "alerts-it-burn-" + i);
            thread.setDaemon(true);
            thread.start();
            burners.add(thread);
        }
    }

    private void stopBurning() throws InterruptedException {
        burning.set(false);
        for (Thread thread : burners) {
            thread.join(5_000);
        }
        burners.clear();
    }

    private static List<String> rows(Table table) {
        List<String> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < table.getColumnCount(); i++) {
                row.append(i == 0 ? "" : "|").append(item.getText(i));
            }
            rows.add(row.toString());
        }
        return rows;
    }

    private static TreeItem serverRow(Tree tree, String name) {
        for (TreeItem group : tree.getItems()) {
            for (TreeItem item : group.getItems()) {
                if (item.getText(0).equals(name)) {
                    return item;
                }
            }
        }
        throw new AssertionError("no row " + name);
    }

    /** The texts of every label in pop-up shells (the notifications), joined. */
    private String notificationText() {
        StringBuilder text = new StringBuilder();
        for (Shell shell : Display.getCurrent().getShells()) {
            if (shell != workbenchShell() && shell.isVisible()) {
                collectLabels(shell, text);
            }
        }
        return text.toString();
    }

    private static void collectLabels(Composite root, StringBuilder text) {
        for (Control child : root.getChildren()) {
            if (child instanceof Label label) {
                text.append(label.getText()).append('\n');
            } else if (child instanceof org.eclipse.swt.widgets.Text field) {
                text.append(field.getText()).append('\n');
            } else if (child instanceof Composite composite) {
                collectLabels(composite, text);
            }
        }
    }
}
