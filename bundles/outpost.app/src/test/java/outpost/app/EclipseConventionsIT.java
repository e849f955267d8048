package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.core.commands.Command;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.bindings.Binding;
import org.eclipse.jface.bindings.keys.KeySequence;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.preference.IPreferencePage;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.keys.IBindingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.agent.ShellPolicy;
import outpost.client.AgentSession;
import outpost.client.CommandReply;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.console.ui.AgentConnector;
import outpost.console.ui.ConsoleEditors;
import outpost.console.ui.ConsolePreferences;
import outpost.servers.Server;

/**
 * The console's Eclipse conventions as a user meets them, in the real workbench under Xvfb: the
 * menus and key bindings reach real commands, the Outpost preference page stores and validates the
 * console's settings, About names the product and version, and Help > Agent Commands lists what
 * an agent answers, live from an open console's agent when one answers.
 */
class EclipseConventionsIT {

    private static final String WIDGET_ID = "outpost.widget";
    private static final long TIMEOUT_MILLIS = 20_000;
    private static final String AGENT_COMMANDS = "outpost.app.agentCommands";
    private static final String SHOW_VIEW = "org.eclipse.ui.views.showView";
    private static final String VIEW_ID = "org.eclipse.ui.views.showView.viewId";
    private static final List<String> SERVER_COMMANDS = List.of("outpost.server.connectAll",
            "outpost.server.disconnectAll", "outpost.server.import", "outpost.server.export", "outpost.server.add");

    private IWorkbench workbench;
    private IWorkbenchPage page;
    private Agent agent;
    private final List<Shell> opened = new ArrayList<>();

    @BeforeEach
    void activeWindow() throws BackingStoreException {
        workbench = PlatformUI.getWorkbench();
        page = workbench.getActiveWorkbenchWindow().getActivePage();
        clearPreferences();
    }

    @AfterEach
    void closeEverything() throws BackingStoreException {
        for (Shell shell : opened) {
            if (!shell.isDisposed()) {
                shell.close();
            }
        }
        page.closeAllEditors(false);
        if (agent != null) {
            agent.stop();
        }
        clearPreferences();
    }

    @Test
    void theMenuBarOffersFileServerWindowAndHelp() {
        Menu bar = workbench.getActiveWorkbenchWindow().getShell().getMenuBar();
        assertNotNull(bar, "the window has a menu bar");
        List<String> menus = new ArrayList<>();
        for (MenuItem item : bar.getItems()) {
            menus.add(item.getText().replace("&", ""));
        }
        assertEquals(List.of("File", "Server", "Window", "Help"), menus);
    }

    @Test
    void theWorkbenchCommandsAreHandledAndTheServerCommandsDefined() {
        ICommandService commands = workbench.getService(ICommandService.class);
        for (String id : List.of("org.eclipse.ui.file.exit", "org.eclipse.ui.window.preferences", SHOW_VIEW,
                "org.eclipse.ui.help.aboutAction", AGENT_COMMANDS)) {
            Command command = commands.getCommand(id);
            assertTrue(command.isDefined(), id + " is defined");
            assertTrue(command.isHandled(), id + " has a handler");
            assertTrue(command.isEnabled(), id + " is enabled");
        }
        for (String id : SERVER_COMMANDS) {
            Command command = commands.getCommand(id);
            assertTrue(command.isDefined(), id + " is defined");
            assertTrue(command.isHandled(), id + " is handled by the Server Explorer");
            assertTrue(command.isEnabled(), id + " is enabled");
        }
    }

    @Test
    void keyBindingsResolveToTheirCommands() throws Exception {
        assertBinding("M1+M2+Q", "org.eclipse.ui.file.exit", null);
        assertBinding("M1+M3+P", "org.eclipse.ui.window.preferences", null);
        assertBinding("F1", AGENT_COMMANDS, null);
        assertBinding("M2+M3+Q E", SHOW_VIEW, "outpost.explorer.ui.serverExplorer");
        assertBinding("M2+M3+Q L", SHOW_VIEW, "org.eclipse.pde.runtime.LogView");
        assertBinding("M1+M2+C", "outpost.server.connectAll", null);
        assertBinding("M1+M2+D", "outpost.server.disconnectAll", null);
        assertBinding("M1+M2+I", "outpost.server.import", null);
        assertBinding("M1+M2+X", "outpost.server.export", null);
        assertBinding("M1+M2+N", "outpost.server.add", null);
    }

    @Test
    void showViewOpensTheErrorLog() throws Exception {
        IHandlerService handlers = workbench.getService(IHandlerService.class);
        ICommandService commands = workbench.getService(ICommandService.class);
        var showErrorLog = org.eclipse.core.commands.ParameterizedCommand.generateCommand(commands.getCommand(SHOW_VIEW),
                java.util.Map.of(VIEW_ID, "org.eclipse.pde.runtime.LogView"));
        handlers.executeCommand(showErrorLog, null);
        var view = page.findView("org.eclipse.pde.runtime.LogView");
        assertNotNull(view, "the Error Log is open");
        page.hideView(view);
    }

    @Test
    void preferencePageStoresValidValuesRefusesABadPortAndRestoresDefaults() throws Exception {
        PreferenceDialog dialog = openPreferences();
        Text port = (Text) find(dialog.getShell(), "preferences." + ConsolePreferences.DEFAULT_PORT);
        Button ok = button(dialog.getShell(), IDialogConstants.OK_ID);
        assertEquals("5005", port.getText(), "the page shows the default port");
        for (String bad : List.of("0", "65536", "port")) {
            type(port, bad);
            assertFalse(ok.isEnabled(), "'" + bad + "' cannot be applied");
            String error = ((IPreferencePage) dialog.getSelectedPage()).getErrorMessage();
            assertTrue(error != null && error.contains("from 1 to 65535"), "the page says why: " + error);
        }
        type(port, "6006");
        assertTrue(ok.isEnabled(), "a valid port can be applied");
        type((Text) find(dialog.getShell(), "preferences." + ConsolePreferences.KEEPALIVE_SECONDS), "30");
        type((Text) find(dialog.getShell(), "preferences." + ConsolePreferences.SCROLLBACK_LINES), "500");
        ((Button) find(dialog.getShell(), "preferences." + ConsolePreferences.AUTO_RECONNECT)).setSelection(false);
        click(ok);
        assertTrue(dialog.getShell() == null || dialog.getShell().isDisposed(), "Apply and Close closes the dialog");

        ConsolePreferences stored = ConsolePreferences.current();
        assertEquals(6006, stored.defaultPort());
        assertEquals(Duration.ofSeconds(30), stored.keepalive());
        assertEquals(500, stored.scrollbackLines());
        assertFalse(stored.autoReconnect());
        assertEquals(ConsolePreferences.DEFAULTS.connectTimeout(), stored.connectTimeout(), "untouched fields keep their value");

        dialog = openPreferences();
        port = (Text) find(dialog.getShell(), "preferences." + ConsolePreferences.DEFAULT_PORT);
        assertEquals("6006", port.getText(), "the page shows the stored port");
        click(buttonWithText(dialog.getShell(), JFaceResources.getString("defaults")));
        assertEquals("5005", port.getText(), "Restore Defaults shows the default port");
        click(button(dialog.getShell(), IDialogConstants.OK_ID));
        assertEquals(ConsolePreferences.DEFAULTS, ConsolePreferences.current());
    }

    @Test
    void aboutNamesTheProductItsVersionAndTheDocsThenCloses() throws Exception {
        Display display = Display.getCurrent();
        StringBuilder seen = new StringBuilder();
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        // About is modal: its event loop runs this, which reads and closes it (or gives up at the deadline)
        display.timerExec(100, new Runnable() {
            @Override
            public void run() {
                for (Shell shell : display.getShells()) {
                    if (shell.getText().startsWith("About")) {
                        seen.append(shell.getText()).append('\n');
                        collectTexts(shell, seen);
                        shell.close();
                        return;
                    }
                }
                if (System.currentTimeMillis() < deadline) {
                    display.timerExec(100, this);
                }
            }
        });
        workbench.getService(IHandlerService.class).executeCommand("org.eclipse.ui.help.aboutAction", null);
        String version = FrameworkUtil.getBundle(EclipseConventionsIT.class).getVersion().toString();
        assertTrue(seen.toString().startsWith("About Outpost Console\n"), seen.toString());
        assertTrue(seen.toString().contains("Outpost Console " + version), "About names the running version: " + seen);
        assertTrue(seen.toString().contains("docs/USER-GUIDE.md"), "About says where the docs are");
        for (Shell shell : display.getShells()) {
            assertFalse(shell.getText().startsWith("About"), "About is closed");
        }
    }

    @Test
    void agentCommandsShowsTheDocumentationOfTheAgentOfThisBuild() throws Exception {
        Tokens tokens = startAgent();
        Shell dialog = openAgentCommands();
        Label source = (Label) find(dialog, "agentCommands.source");
        Text text = (Text) find(dialog, "agentCommands.text");
        waitUntil("the documented list shows", () -> source.getText().startsWith("Documentation of the Outpost agent"));
        assertTrue(text.getText().contains("sh: linux:"), "the shell prefixes are listed");

        // the list cannot drift: it is what an agent of this build with shell on answers a token with
        // every role, but for the shells this machine lacks (an agent lists only those it can run)
        String documentedHere = text.getText().lines()
                .filter(line -> !line.startsWith("  cmd: ") && (onPath("pwsh") || !line.startsWith("  powershell: ")))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(help(tokens.admin()), documentedHere);
    }

    @Test
    void agentCommandsPrefersTheLiveAnswerOfAnOpenConsolesAgentAndSaysWhyWhenItCannot() throws Exception {
        Tokens tokens = startAgent();
        Server server = new Server("live agent", "127.0.0.1", agent.address().orElseThrow().getPort(), "test");
        AgentConnector connector = service(AgentConnector.class);
        connector.rememberToken(server, tokens.reader());
        SessionSettings settings = connector.settingsFor(server).orElseThrow();
        // a new agent identity each run: forget pins of earlier runs (the tests pin in a file)
        Files.deleteIfExists(java.nio.file.Path.of(System.getProperty("outpost.knownAgents")));
        try (AgentSession pinning = service(SessionFactory.class).create(settings.withTrustNew(true))) {
            pinning.connect(); // first contact pins the certificate, as the console's trust dialog would
        }
        ConsoleEditors.open(page, server);
        // connected before the agent is stopped below: a console's own first connect that the stop
        // interrupts reports it in a modal dialog, which no one would answer here
        Label status = (Label) find(workbenchShell(), "console.status");
        waitUntil("the console is connected", () -> "connected".equals(status.getText()), status::getText);

        Shell dialog = openAgentCommands();
        Label source = (Label) find(dialog, "agentCommands.source");
        Text text = (Text) find(dialog, "agentCommands.text");
        waitUntil("the agent's own answer shows", () -> source.getText().startsWith("Live answer of live agent"));
        assertTrue(source.getText().contains("roles: read"), source.getText());
        assertEquals(help(tokens.reader()), text.getText());
        assertFalse(text.getText().contains("sh:"), "a read-only token is not offered the shell");
        String live = text.getText();
        dialog.close();

        agent.stop();
        Shell again = openAgentCommands();
        Label why = (Label) find(again, "agentCommands.source");
        waitUntil("the dialog says why no agent answered", () -> why.getText().contains("No open console's agent answered"));
        assertTrue(why.getText().startsWith("Documentation of the Outpost agent"), why.getText());
        assertTrue(why.getText().contains("live agent: "), "the server and its reason are named: " + why.getText());
        String documented = ((Text) find(again, "agentCommands.text")).getText();
        assertTrue(documented.contains("sh: linux:") && !documented.equals(live), "the documentation is shown instead");
        connector.forgetToken(server);
    }

    private record Tokens(String admin, String reader) {
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    /** Starts an agent, shell on, whose tokens file holds an admin token and a read-only one. */
    private Tokens startAgent() throws Exception {
        agent = service(Agent.class);
        Path data = Files.createTempDirectory("outpost-conventions-agent");
        Tokens tokens = new Tokens(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        Files.writeString(data.resolve("tokens.properties"), "admin.sha256=" + sha256(tokens.admin())
                + "\nadmin.roles=read,execute,admin\nreader.sha256=" + sha256(tokens.reader()) + "\nreader.roles=read\n");
        agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withShell(new ShellPolicy(List.of("uname *"), List.of()), Duration.ofSeconds(60), 1 << 20));
        return tokens;
    }

    /** The agent's answer to help for a token, through the client API (trusting this fresh agent). */
    private String help(String token) throws Exception {
        Path knownAgents = Files.createTempFile("outpost-conventions", ".known");
        Files.delete(knownAgents);
        SessionSettings settings = SessionSettings.of("127.0.0.1", agent.address().orElseThrow().getPort(), token, knownAgents);
        try (AgentSession session = service(SessionFactory.class).create(settings)) {
            session.connect();
            CommandReply reply = session.send("help").get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(reply.isOk(), reply.toString());
            return reply.stdout().strip();
        }
    }

    private Shell openAgentCommands() throws Exception {
        Display display = Display.getCurrent();
        workbench.getService(IHandlerService.class).executeCommand(AGENT_COMMANDS, null);
        Shell dialog = null;
        for (Shell shell : display.getShells()) {
            if ("Agent Commands".equals(shell.getText()) && !shell.isDisposed()) {
                dialog = shell;
            }
        }
        assertNotNull(dialog, "Agent Commands opens");
        opened.add(dialog);
        return dialog;
    }

    private PreferenceDialog openPreferences() {
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(workbench.getActiveWorkbenchWindow().getShell(),
                "outpost.app.preferences", null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        opened.add(dialog.getShell());
        assertEquals("Outpost", ((IPreferencePage) dialog.getSelectedPage()).getTitle());
        return dialog;
    }

    /**
     * The binding of the active scheme for these keys in workbench windows on this platform, as the
     * binding manager holds it; more than one command there would be a conflict and neither would run.
     */
    private void assertBinding(String keys, String commandId, String viewId) throws Exception {
        IBindingService bindings = workbench.getService(IBindingService.class);
        KeySequence trigger = KeySequence.getInstance(keys);
        String scheme = bindings.getActiveScheme().getId();
        List<Binding> matches = new ArrayList<>();
        for (Binding binding : bindings.getBindings()) {
            if (trigger.equals(binding.getTriggerSequence()) && scheme.equals(binding.getSchemeId())
                    && "org.eclipse.ui.contexts.window".equals(binding.getContextId())
                    && binding.getParameterizedCommand() != null
                    && (binding.getPlatform() == null || binding.getPlatform().equals(SWT.getPlatform()))) {
                matches.add(binding);
            }
        }
        assertEquals(1, matches.stream().map(Binding::getParameterizedCommand).distinct().count(),
                keys + " is bound to one command: " + matches);
        assertEquals(commandId, matches.get(0).getParameterizedCommand().getId(), keys);
        if (viewId != null) {
            assertEquals(viewId, matches.get(0).getParameterizedCommand().getParameterMap().get(VIEW_ID), keys);
        }
    }

    private static void clearPreferences() throws BackingStoreException {
        var node = InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE);
        node.clear();
        node.flush();
    }

    private static String sha256(String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** As typing does: the text changes, then a key is released (field editors validate on key strokes). */
    private static void type(Text field, String text) {
        field.setText(text);
        Event keyUp = new Event();
        keyUp.character = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        field.notifyListeners(SWT.KeyUp, keyUp);
    }

    private static void collectTexts(Composite root, StringBuilder into) {
        for (Control child : root.getChildren()) {
            if (child instanceof StyledText styled) {
                into.append(styled.getText()).append('\n');
            } else if (child instanceof Text text) {
                into.append(text.getText()).append('\n');
            } else if (child instanceof Label label) {
                into.append(label.getText()).append('\n');
            } else if (child instanceof Composite composite) {
                collectTexts(composite, into);
            }
        }
    }

    private static Button button(Composite root, int dialogButtonId) {
        Control found = findMatching(root, control -> control instanceof Button
                && Integer.valueOf(dialogButtonId).equals(control.getData()));
        assertNotNull(found, "no dialog button " + dialogButtonId);
        return (Button) found;
    }

    private static Button buttonWithText(Composite root, String text) {
        Control found = findMatching(root, control -> control instanceof Button button && text.equals(button.getText()));
        assertNotNull(found, "no button '" + text + "'");
        return (Button) found;
    }

    private static Control find(Composite root, String id) {
        Control found = findMatching(root, control -> id.equals(control.getData(WIDGET_ID)));
        assertNotNull(found, "no widget '" + id + "'");
        return found;
    }

    private static Control findMatching(Composite root, java.util.function.Predicate<Control> matches) {
        for (Control child : root.getChildren()) {
            if (matches.test(child)) {
                return child;
            }
            if (child instanceof Composite composite) {
                Control found = findMatching(composite, matches);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
