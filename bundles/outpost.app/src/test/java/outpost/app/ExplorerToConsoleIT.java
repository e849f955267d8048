package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.agent.ShellPolicy;
import outpost.console.ui.ServerEditorInput;
import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;
import outpost.servers.ServerRepository;

/**
 * The walking skeleton as a user walks it, in the real workbench under Xvfb: the Server Explorer
 * lists a CSV file's servers, a double-click opens a console that connects to a real agent over
 * loopback TCP, and a typed command gets the agent's answer.
 */
class ExplorerToConsoleIT {


    private Agent agent;
    private InetSocketAddress agentAddress;
    private IWorkbenchPage page;

    @BeforeEach
    void startAgentAndWriteServerList() throws Exception {
        agent = service(Agent.class);
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("outpost-ui-agent");
        agentAddress = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withShell(new ShellPolicy(List.of("sleep *"), List.of()), java.time.Duration.ofSeconds(60), 1 << 20))
                .address();
        String token = java.nio.file.Files.readString(data.resolve("token")).strip();
        // a new agent identity each run: forget pins of earlier runs
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(System.getProperty("outpost.knownAgents")));
        java.nio.file.Path tokens = java.nio.file.Path.of(System.getProperty("outpost.tokens"));
        java.nio.file.Files.createDirectories(tokens.getParent());
        java.nio.file.Files.writeString(tokens, "127.0.0.1\\:" + agentAddress.getPort() + "=" + token + "\n");
        ServerRepository repository = service(ServerRepository.class);
        repository.save(List.of(new Server("test agent", "127.0.0.1", agentAddress.getPort(), "test"),
                new Server("nobody home", "127.0.0.1", 1, "test")));
        page = activePageWithoutExplorer();
        Display.getCurrent().addFilter(SWT.Show, TRUST_NEW_AGENTS);
    }

    @AfterEach
    void closeEverything() {
        Display.getCurrent().removeFilter(SWT.Show, TRUST_NEW_AGENTS);
        closeConsolesDialogsAndExplorer(page);
        agent.stop();
    }

    @Test
    void doubleClickingAServerOpensAConnectedConsoleThatAnswersCommands() throws Exception {
        IViewPart explorer = page.showView(ServerExplorer.VIEW_ID);
        assertNotNull(explorer);
        Tree tree = (Tree) find(workbenchShell(), "explorer.servers");
        Label message = (Label) find(workbenchShell(), "explorer.message");
        waitUntil("the server list shows group 'test' with both servers",
                () -> tree.getItemCount() == 1 && tree.getItem(0).getItemCount() == 2, message::getText);
        TreeItem row = tree.getItem(0).getItem(1); // sorted by name: "nobody home", "test agent"
        assertEquals("test agent", row.getText(0));
        assertEquals(Integer.toString(agentAddress.getPort()), row.getText(2));

        doubleClick(tree, row);
        waitUntil("a console editor opens", () -> page.getActiveEditor() != null);
        IEditorPart editor = page.getActiveEditor();
        assertEquals(new ServerEditorInput(new Server(null, "127.0.0.1", agentAddress.getPort(), null)), editor.getEditorInput());
        Composite console = workbenchShell();
        Label status = (Label) find(console, "console.status");
        Text input = (Text) find(console, "console.input");
        StyledText output = (StyledText) find(console, "console.output");
        waitUntil("the console connects", () -> "connected".equals(status.getText()));
        assertTrue(input.isEnabled(), "sending is enabled once connected");
        waitUntil("the console shows the pinned certificate", () -> output.getText().contains("certificate SHA256:"));
        assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("outpost.knownAgents")))
                .contains("127.0.0.1\\:" + agentAddress.getPort() + "=SHA256"), "the agent's certificate is pinned on first use");

        type(input, "cpu");
        waitUntil("the agent's CPU answer appears", () -> output.getText().contains("CPU: ") && output.getText().contains("logical cores"));
        type(input, "name");
        String hostName = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        waitUntil("the agent's host name appears", () -> output.getText().contains("\n" + hostName + "\n"));
        type(input, "bogus");
        waitUntil("an unknown command is named", () -> output.getText().contains("\u2190 bogus: unknown command, try help"));

        Event up = new Event();
        up.keyCode = SWT.ARROW_UP;
        input.notifyListeners(SWT.KeyDown, up);
        assertEquals("bogus", input.getText(), "Up brings back the last command");
        input.notifyListeners(SWT.KeyDown, up);
        assertEquals("name", input.getText());
        input.setText("");

        click(find(console, "console.quick.ip"));
        waitUntil("the IP quick button answers", () -> output.getText().contains("> ip\n") && output.getText().contains("lo: 127.0.0.1"));

        Control cancel = find(console, "console.cancel");
        type(input, "sh: sleep 30");
        waitUntil("the long command runs and can be cancelled", cancel::isEnabled);
        click(cancel);
        waitUntil("the command ends as cancelled", () -> output.getText().contains("cancelled"));
        assertFalse(cancel.isEnabled(), "nothing left to cancel");

        doubleClick(tree, row);
        waitUntil("the same console is activated, not a second one", () -> page.getActiveEditor() == editor);
        assertEquals(1, page.getEditorReferences().length);

        agent.stop();
        waitUntil("the status turns disconnected when the agent goes away", () -> "disconnected".equals(status.getText()));
        assertFalse(input.isEnabled(), "sending is disabled while disconnected");
        assertTrue(output.getText().contains("cpu"), "the transcript is kept");
    }

    private static void doubleClick(Tree tree, TreeItem row) {
        tree.setSelection(row);
        Event event = new Event();
        event.item = row;
        tree.notifyListeners(SWT.DefaultSelection, event);
    }

    private static void type(Text input, String command) {
        input.setText(command);
        input.notifyListeners(SWT.DefaultSelection, new Event());
    }
}
