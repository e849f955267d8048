package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.ExplorerRows.columnIndex;
import static outpost.app.ExplorerRows.row;
import static outpost.app.ExplorerRows.rows;
import static outpost.app.WorkbenchRobot.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.console.ui.ConsoleEditors;
import outpost.console.ui.ConsolePreferences;
import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;
import outpost.servers.ServerRepository;

/**
 * States that tell the truth, in the real workbench under Xvfb with a real agent on loopback: a
 * down server is offline in the explorer and its console says why without asking for a token; the
 * first contact asks trust, then the token (typed with real keys into the masked field); and the
 * token entered in the console brings the explorer's row online at once, through the one shared
 * connection (the explorer's own retries are a minute apart here).
 */
class ConnectionStatesIT {

    private static final String WIDGET_ID = "outpost.widget";

    private Agent agent;
    private int port;
    private int freePort;
    private String token;
    private IWorkbenchPage page;
    private Tree tree;
    /** Every dialog shown, in order: its widget id, else its title. */
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    /** The text of each "Cannot connect" dialog. */
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Listener answerer = this::answer;

    @BeforeEach
    void startAgentWithoutStoredToken() throws Exception {
        agent = service(Agent.class);
        Path work = Files.createTempDirectory("outpost-states-it");
        port = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                work.resolve("agent"))).address().getPort();
        token = Files.readString(work.resolve("agent").resolve("token")).strip();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort(); // nothing listens there once closed
        }
        Files.deleteIfExists(Path.of(System.getProperty("outpost.knownAgents"))); // a new agent identity each run
        Path tokens = Path.of(System.getProperty("outpost.tokens"));
        Files.createDirectories(tokens.getParent());
        Files.writeString(tokens, "# no token stored for any server\n");
        // the explorer's own retries a minute apart: only the shared connection can bring a row online in seconds
        preferences().putInt(ConsolePreferences.LIVE_REFRESH_SECONDS, 60);
        service(ServerRepository.class).save(List.of(new Server("test agent", "127.0.0.1", port, "lab"),
                new Server("nobody home", "127.0.0.1", freePort, "lab"),
                new Server("nowhere", "nothing-here.invalid", 5005, "lab")));
        page = activePageWithoutExplorer();
        Display.getCurrent().addFilter(SWT.Show, answerer);
    }

    @AfterEach
    void closeEverything() {
        Display.getCurrent().removeFilter(SWT.Show, answerer);
        closeConsolesDialogsAndExplorer(page);
        preferences().remove(ConsolePreferences.LIVE_REFRESH_SECONDS);
        agent.stop();
    }

    @Test
    void downServersAreOfflineWithoutATokenQuestionAndATokenTypedInAConsoleBringsTheRowOnline() throws Exception {
        IViewPart view = page.showView(ServerExplorer.VIEW_ID);
        ServerExplorer explorer = Adapters.adapt(view, ServerExplorer.class);
        tree = (Tree) find(workbenchShell(), "explorer.servers");
        waitUntil("the list is loaded", () -> explorer.servers().size() == 3);
        int status = columnIndex(tree, "Status");
        explorer.connectAll();
        waitUntil("a port where nothing listens is offline, token or not",
                () -> "offline".equals(row(tree, "nobody home").getText(status)), () -> rows(tree));
        waitUntil("a name that does not resolve is offline",
                () -> "offline".equals(row(tree, "nowhere").getText(status)), () -> rows(tree));
        waitUntil("an agent that answers, without a stored token, says so",
                () -> "no token".equals(row(tree, "test agent").getText(status)), () -> rows(tree));

        ConsoleEditors.open(page, new Server("nobody home", "127.0.0.1", freePort, "lab"));
        waitUntil("the console says the server is down", () -> failures.size() == 1, dialogs::toString);
        assertTrue(failures.get(0).contains("Connection refused by 127.0.0.1:" + freePort), failures.get(0));
        ConsoleEditors.open(page, new Server("nowhere", "nothing-here.invalid", 5005, "lab"));
        waitUntil("the console says the host is unknown", () -> failures.size() == 2, dialogs::toString);
        assertTrue(failures.get(1).contains("Unknown host 'nothing-here.invalid'"), failures.get(1));
        assertFalse(dialogs.contains("console.tokenDialog") || dialogs.contains("console.trustDialog"),
                "nothing is asked about a down server: " + dialogs);

        dialogs.clear();
        page.closeAllEditors(false); // one console left: the status label found is its own
        ConsoleEditors.open(page, new Server("test agent", "127.0.0.1", port, "lab"));
        Label consoleStatus = (Label) find(page.getActiveEditor().getSite().getShell(), "console.status");
        waitUntil("the console connects with the typed token", () -> "connected".equals(consoleStatus.getText()),
                dialogs::toString);
        assertEquals(List.of("console.trustDialog", "console.tokenDialog"), dialogs, "trust first, then the token");
        long connectedAt = System.currentTimeMillis();
        waitUntil("the explorer's row turns online at once, not a minute later",
                () -> "online".equals(row(tree, "test agent").getText(status)), () -> rows(tree), 5_000);
        assertTrue(System.currentTimeMillis() - connectedAt < 5_000);
    }

    /** Answers the dialogs as the user would: trusts the agent, types the token with real keys, closes failure reports. */
    private void answer(Event event) {
        if (!(event.widget instanceof Shell shell) || shell == workbenchShell()) {
            return;
        }
        Object id = shell.getData(WIDGET_ID);
        dialogs.add(id != null ? id.toString() : shell.getText());
        if ("console.tokenDialog".equals(id)) {
            shell.getDisplay().asyncExec(() -> checkSize(shell));
        }
        if ("console.trustDialog".equals(id)) {
            shell.getDisplay().asyncExec(() -> press(shell, "Trust and connect"));
        } else if ("console.tokenDialog".equals(id)) {
            shell.getDisplay().asyncExec(() -> typeToken(shell));
        } else if (shell.getText().startsWith("Cannot connect to")) {
            shell.getDisplay().asyncExec(() -> {
                failures.add(shellText(shell));
                shell.close();
            });
        }
    }

    /** The token prompt opens large enough for its text, and within a 1280x800 screen. */
    private void checkSize(Shell shell) {
        if (shell.isDisposed()) {
            return;
        }
        org.eclipse.swt.graphics.Point size = shell.getSize();
        org.eclipse.swt.graphics.Point needed = shell.computeSize(SWT.DEFAULT, SWT.DEFAULT, true);
        if (size.x < needed.x || size.y < needed.y || size.x > 1280 || size.y > 800) {
            dialogs.add("token dialog " + size + " for content " + needed);
        }
    }

    /** Types the token with real keys and clicks OK; a dialog this cannot answer is closed, so the test fails instead of hanging. */
    private void typeToken(Shell shell) {
        try {
            Text field = (Text) find(shell, "console.tokenField");
            if ((field.getStyle() & SWT.PASSWORD) == 0) {
                throw new AssertionError("the token field is not masked");
            }
            typeText(field, token);
            char masked = field.getEchoChar();
            Button show = (Button) find(shell, "console.tokenShow");
            mouseClick(show, 1);
            if (field.getEchoChar() != '\0' || !token.equals(field.getText())) {
                throw new AssertionError("Show does not reveal the token");
            }
            mouseClick(show, 1);
            if (field.getEchoChar() != masked) {
                throw new AssertionError("unchecking Show does not mask the token again");
            }
            mouseClick(button(shell, "OK"), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | AssertionError e) {
            dialogs.add("token dialog failed: " + e);
        }
        if (!shell.isDisposed()) {
            dialogs.add("token dialog left open");
            shell.close();
        }
    }

    private static Button button(Composite root, String label) {
        for (Control control : root.getChildren()) {
            if (control instanceof Button button && label.equals(button.getText())) {
                return button;
            } else if (control instanceof Composite composite) {
                Button found = button(composite, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void press(Composite root, String label) {
        button(root, label).notifyListeners(SWT.Selection, new Event());
    }

    private static String shellText(Composite root) {
        StringBuilder text = new StringBuilder();
        for (Control child : root.getChildren()) {
            if (child instanceof Label label) {
                text.append(label.getText()).append('\n');
            } else if (child instanceof Composite composite) {
                text.append(shellText(composite));
            }
        }
        return text.toString();
    }

    private static IEclipsePreferences preferences() {
        return InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE);
    }
}
