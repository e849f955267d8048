package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.ExplorerRows.groupRows;
import static outpost.app.ExplorerRows.row;
import static outpost.app.ExplorerRows.rows;
import static outpost.app.WorkbenchRobot.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.agent.Agent;
import outpost.console.ui.ServerEditorInput;
import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;
import outpost.servers.ServerRepository;
import outpost.testing.MosquittoBroker;

/**
 * Issue 15 in the console, as a user meets it: with a broker set in the preferences, the Server
 * Explorer shows the agents that announced themselves on a real Mosquitto (TLS, accounts, the shipped
 * ACL), online and with the CPU they publish, in the group an agent announces, offline once one
 * stops; the user files one under another group; a double-click opens a console through the broker that pins the agent's certificate, logs in
 * with the token and runs a command, which the agent audits with the console's broker identity.
 */
class BrokerExplorerIT {

    private static final String CONSOLE = "console-it";
    private static final int HOST = 1;
    private static final int PORT = 2;
    private static final int STATUS = 3;
    private static final int CPU = 4;

    private MosquittoBroker broker;
    private BrokerAgents agents;
    private Agent webB;
    private IWorkbenchPage page;

    @BeforeEach
    void startBrokerAgentsAndConfigureTheConsole() throws Exception {
        broker = new MosquittoBroker(MosquittoBroker.shippedAcl())
                .addAccount("web-a", "a-secret")
                .addAccount("web-b", "b-secret")
                .addAccount(CONSOLE, "console-secret")
                .start();
        agents = new BrokerAgents(broker);
        agents.start("web-a", "a-secret", broker.url(), Duration.ofSeconds(5), Duration.ofSeconds(1), "");
        webB = agents.start("web-b", "b-secret", broker.url(), Duration.ofSeconds(5), Duration.ofSeconds(1), "web");

        // the console logs in to web-a with its token, kept under ID:0 as outpost-cli keeps it
        Files.deleteIfExists(Path.of(System.getProperty("outpost.knownAgents")));
        Path tokens = Path.of(System.getProperty("outpost.tokens"));
        Files.createDirectories(tokens.getParent());
        Files.writeString(tokens, "web-a\\:0=" + Files.readString(agents.data("web-a").resolve("token")).strip() + "\n");
        service(ServerRepository.class).save(List.of(new Server("direct one", "127.0.0.1", 1, "direct")));

        IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode("outpost.explorer.ui");
        preferences.put("broker.url", broker.url());
        preferences.put("broker.clientId", CONSOLE);
        preferences.put("broker.user", CONSOLE);
        preferences.put("broker.passwordFile", broker.passwordFile(CONSOLE, "console-secret").toString());
        preferences.put("broker.caFile", broker.caFile().toString());
        preferences.flush();
        InstanceScope.INSTANCE.getNode("outpost.explorer.ui/brokerGroups").clear();
        page = activePageWithoutExplorer();
        Display.getCurrent().addFilter(SWT.Show, TRUST_NEW_AGENTS);
    }

    @AfterEach
    void stopEverything() throws Exception {
        Display.getCurrent().removeFilter(SWT.Show, TRUST_NEW_AGENTS);
        closeConsolesDialogsAndExplorer(page);
        IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode("outpost.explorer.ui");
        for (String key : List.of("broker.url", "broker.clientId", "broker.user", "broker.passwordFile", "broker.caFile")) {
            preferences.remove(key);
        }
        preferences.flush();
        agents.close();
        broker.close();
    }

    @Test
    void theBrokersAgentsAreServersWithLiveStatusGroupsAndConsoles() throws Exception {
        page.showView(ServerExplorer.VIEW_ID);
        Tree tree = (Tree) find(workbenchShell(), "explorer.servers");
        Label message = (Label) find(workbenchShell(), "explorer.message");
        waitUntil("the broker's agents show online, web-a in group Broker and web-b in the group it announces, beside"
                + " the list's server", () -> groupRows(tree, "Broker").size() == 1 && groupRows(tree, "web").size() == 1
                        && "online".equals(row(tree, "web-a").getText(STATUS)) && "online".equals(row(tree, "web-b").getText(STATUS))
                        && groupRows(tree, "direct").size() == 1,
                () -> message.getText() + " | " + rows(tree));
        TreeItem webA = row(tree, "web-a");
        assertEquals("broker", webA.getText(PORT), "no port: it is reached through the broker");
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), webA.getText(HOST),
                "the host name the agent announced");
        waitUntil("web-a's CPU from the samples it publishes", () -> row(tree, "web-a").getText(CPU).endsWith("%"),
                () -> rows(tree));

        tree.setSelection(row(tree, "web-b"));
        tree.notifyListeners(SWT.Selection, new Event());
        ((ServerExplorer) page.findView(ServerExplorer.VIEW_ID)).editSelected();
        waitUntil("the Assign Group dialog opens", () -> findOrNull(dialogShell(), "brokerGroup.name") != null);
        Shell dialog = dialogShell();
        ((Combo) find(dialog, "brokerGroup.name")).setText("db");
        click(find(dialog, "brokerGroup.ok"));
        waitUntil("web-b is filed under db (the user's word over the agent's), web-a stays in Broker",
                () -> groupRows(tree, "db").size() == 1 && groupRows(tree, "web").isEmpty() && groupRows(tree, "Broker").size() == 1,
                () -> rows(tree));
        assertEquals("db", InstanceScope.INSTANCE.getNode("outpost.explorer.ui/brokerGroups").get("web-b", null),
                "the group is kept in the workspace");

        webB.stop();
        waitUntil("web-b shows offline once it stopped (its state at the broker)",
                () -> "offline".equals(row(tree, "web-b").getText(STATUS)), () -> rows(tree));

        tree.setSelection(row(tree, "web-a"));
        Event open = new Event();
        open.item = row(tree, "web-a");
        tree.notifyListeners(SWT.DefaultSelection, open);
        waitUntil("a console editor opens", () -> page.getActiveEditor() != null);
        assertEquals(new ServerEditorInput(Server.viaBroker("web-a", "")), page.getActiveEditor().getEditorInput());
        Composite console = workbenchShell();
        Label status = (Label) find(console, "console.status");
        Text input = (Text) find(console, "console.input");
        StyledText output = (StyledText) find(console, "console.output");
        waitUntil("the console connects through the broker", () -> "connected".equals(status.getText()),
                output::getText);
        assertTrue(Files.readString(Path.of(System.getProperty("outpost.knownAgents"))).contains("web-a\\:0=SHA256"),
                "the certificate the agent presented in TLS is pinned under ID:0");
        input.setText("cpu");
        input.notifyListeners(SWT.DefaultSelection, new Event());
        waitUntil("the agent's CPU answer comes back through the broker", () -> output.getText().contains("logical cores"),
                output::getText);
        waitUntil("the agent audits the session with the console's broker identity", () -> auditOf(agents.data("web-a"))
                .contains("peer=broker client " + CONSOLE));
    }

    private static String auditOf(Path data) {
        try (var files = Files.list(data)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("audit.log")).toList()) {
                text.append(Files.readString(file));
            }
            return text.toString();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Shell dialogShell() {
        for (Shell shell : Display.getCurrent().getShells()) {
            if (shell != workbenchShell() && shell.isVisible()) {
                return shell;
            }
        }
        return (Shell) workbenchShell();
    }
}
