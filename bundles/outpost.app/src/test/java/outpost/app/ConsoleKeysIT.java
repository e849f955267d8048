package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.agent.ShellPolicy;
import outpost.console.ui.ConsoleEditors;
import outpost.console.ui.ConsolePreferences;
import outpost.servers.Server;

/**
 * The console's keys, focus, wording and layout as a user meets them, driven by real key presses
 * and clicks (events posted to the display, so the workbench's key bindings see them first): Ctrl+C
 * cancels or copies, the input line keeps the focus after a cancel, end lines read as a person
 * would say them, completion and quick buttons offer only what the agent runs for the token, long
 * lines wrap, and a narrow console keeps its endpoint and status in view. Two real agents on
 * loopback: one on Linux with some shell lines allowed, one with shell off and without the disk command.
 */
class ConsoleKeysIT {

    private Agent shellAgent;
    private ExtraAgents extraAgents;
    private InetSocketAddress shellAddress;
    private InetSocketAddress plainAddress;
    private Path ticker;
    private IWorkbenchPage page;
    private Display display;

    @BeforeEach
    void startTwoAgents() throws Exception {
        shellAgent = service(Agent.class);
        Path shellData = Files.createTempDirectory("outpost-keys-a");
        // a long command that streams a line every 100 ms until it is stopped
        ticker = Files.writeString(shellData.resolve("ticker.sh"), "i=0\nwhile true; do i=$((i+1)); echo \"tick $i\"; sleep 0.1; done\n");
        Agent.AgentStartup shellStart = shellAgent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                shellData).withShell(new ShellPolicy(List.of("sh " + ticker), List.of()), Duration.ofSeconds(60), 1 << 20));
        shellAddress = shellStart.address();
        extraAgents = new ExtraAgents();
        Path plainData = Files.createTempDirectory("outpost-keys-b");
        Agent.AgentStartup plainStart = extraAgents.create(name -> !"disk".equals(name))
                .start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), plainData));
        plainAddress = plainStart.address();
        // tokens stored and certificates pinned, so no dialog comes between the test and its keys
        Path tokens = Path.of(System.getProperty("outpost.tokens"));
        Files.createDirectories(tokens.getParent());
        Files.writeString(tokens, entry(shellAddress, Files.readString(shellData.resolve("token")).strip())
                + entry(plainAddress, Files.readString(plainData.resolve("token")).strip()));
        Files.writeString(Path.of(System.getProperty("outpost.knownAgents")),
                entry(shellAddress, shellStart.fingerprint().orElseThrow()) + entry(plainAddress, plainStart.fingerprint().orElseThrow()));
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        display = Display.getCurrent();
    }

    @AfterEach
    void stopEverything() throws Exception {
        page.closeAllEditors(false);
        InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE).remove(ConsolePreferences.WRAP_LINES);
        shellAgent.stop();
        extraAgents.close();
    }

    @Test
    void ctrlCWithNothingSelectedCancelsTheRunningCommandAndTheInputKeepsTheFocus() throws Exception {
        Console console = open("shell agent", shellAddress);
        startTicker(console);
        pressKey(console.input, SWT.CTRL, 'c');
        console.waitFor("Ctrl+C cancels the running command", () -> cancelledLine().matcher(console.output.getText()).find());
        assertFalse(console.cancel.isEnabled(), "nothing left to cancel");
        assertTrue(console.input.isFocusControl(), "the input line keeps the focus");
    }

    @Test
    void afterTheCancelButtonTheFocusIsBackInTheInputAndTheNextTypedCommandIsSent() throws Exception {
        Console console = open("shell agent", shellAddress);
        startTicker(console);
        // where the focus is right after the click, before the agent's answer (a later event) ends the command
        Control[] focusAfterClick = new Control[1];
        console.cancel.addListener(SWT.Selection, event -> display.asyncExec(() -> focusAfterClick[0] = display.getFocusControl()));
        mouseClick(console.cancel, 1);
        waitUntil("the click is handled", () -> focusAfterClick[0] != null);
        assertSame(console.input, focusAfterClick[0], "the input line has the focus at once, not the Cancel button");
        console.waitFor("the button cancels", () -> cancelledLine().matcher(console.output.getText()).find());
        assertTrue(console.input.isFocusControl(), "and keeps it once the command has ended");
        typeText(display.getFocusControl(), "cpu\r"); // into whatever has the focus, as a user types
        console.waitFor("the typed command is sent and answered",
                () -> Pattern.compile("  > cpu\n(.|\n)*\u2190 cpu: ok, \\d+ ms").matcher(console.output.getText()).find());
    }

    @Test
    void ctrlCWithTextSelectedCopiesItAndTheCommandKeepsRunning() throws Exception {
        Console console = open("shell agent", shellAddress);
        startTicker(console);
        setClipboard("nothing copied yet");
        int start = console.output.getText().indexOf("tick 1\n");
        console.output.setSelection(start, start + "tick 1".length());
        pressKey(console.output, SWT.CTRL, 'c');
        assertEquals("tick 1", clipboard(), "Ctrl+C copies the transcript's selection");

        typeText(console.input, "hello");
        console.input.selectAll();
        pressKey(console.input, SWT.CTRL, 'c');
        assertEquals("hello", clipboard(), "Ctrl+C copies the input line's selection");
        assertTrue(console.cancel.isEnabled() && !cancelledLine().matcher(console.output.getText()).find(),
                "copying does not cancel");

        console.input.setText("");
        pressKey(console.input, SWT.CTRL, 'c');
        console.waitFor("with nothing selected Ctrl+C cancels", () -> cancelledLine().matcher(console.output.getText()).find());
    }

    @Test
    void anUnknownCommandEndsAsUnknownNotAsAnExit() throws Exception {
        Console console = open("shell agent", shellAddress);
        typeText(console.input, "frobnicate\r");
        console.waitFor("the end line says unknown command",
                () -> console.output.getText().contains("\u2190 frobnicate: unknown command, try help\n"));
        assertFalse(console.output.getText().contains("exit 0"), console.output.getText());
    }

    @Test
    void completionAndQuickButtonsOfferOnlyWhatTheAgentRunsForTheToken() throws Exception {
        Console withShell = open("shell agent", shellAddress);
        List<String> offered = complete(withShell);
        assertTrue(offered.containsAll(List.of("cpu", "disk", "sh:", "linux:")), offered.toString());
        assertFalse(offered.contains("cmd:") || offered.contains("dos:"), "no cmd.exe on a Linux agent: " + offered);
        assertEquals(onPath("pwsh"), offered.contains("powershell:"), "PowerShell only where installed: " + offered);
        assertNotNull(findOrNull(workbenchShell(), "console.quick.disk"), "the agent runs disk: its button is there");

        Console withoutShell = open("agent without shell or disk", plainAddress);
        withoutShell.waitFor("the Disk button goes once the agent's help is read",
                () -> findOrNull(workbenchShell(), "console.quick.disk") == null);
        assertNotNull(findOrNull(workbenchShell(), "console.quick.cpu"), "the other quick buttons stay");
        offered = complete(withoutShell);
        assertTrue(offered.contains("cpu"), offered.toString());
        assertFalse(offered.contains("disk") || offered.contains("sh:") || offered.contains("linux:"),
                "no command this agent would refuse: " + offered);
    }

    @Test
    void longLinesWrapUnlessThePreferenceSaysScroll() throws Exception {
        Console console = open("shell agent", shellAddress);
        assertTrue(console.output.getWordWrap(), "long lines wrap by default");
        IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE);
        preferences.putBoolean(ConsolePreferences.WRAP_LINES, false);
        console.waitFor("an open console follows the preference", () -> !console.output.getWordWrap());
        preferences.remove(ConsolePreferences.WRAP_LINES);
        console.waitFor("and back", () -> console.output.getWordWrap());
    }

    @Test
    void aNarrowConsoleKeepsItsEndpointAndStatusWholeAndShortensTheName() throws Exception {
        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        Rectangle before = window.getBounds();
        try {
            // half of a 1280 px screen: what one of two editors side by side gets
            window.setBounds(0, 0, 640, 800);
            Console console = open("a server with a rather long descriptive name in the second rack", shellAddress);
            Label endpoint = (Label) find(workbenchShell(), "console.endpoint");
            assertTrue(endpoint.getText().contains("127.0.0.1:" + shellAddress.getPort()), endpoint.getText());
            waitUntil("the header is laid out", () -> endpoint.getSize().x > 0);
            assertWhole(endpoint);
            assertWhole(console.status);
            Control name = find(workbenchShell(), "console.name");
            assertTrue(name.getSize().x < name.computeSize(SWT.DEFAULT, SWT.DEFAULT).x, "the long name is the one shortened");
            // every button stays whole and inside the console, so Connect can be clicked in a split (the
            // header moves its buttons to a row of their own once its first layout showed they do not fit)
            List<Control> buttons = List.of("console.connect", "console.reset", "console.kill", "console.save", "console.clear",
                    "console.quick.os", "console.quick.help", "console.cancel").stream().map(id -> find(workbenchShell(), id)).toList();
            waitUntil("every button is shown whole", () -> buttons.stream().allMatch(ConsoleKeysIT::shownWhole),
                    () -> buttons.stream().filter(button -> !shownWhole(button)).map(Control::toString).toList().toString());
            buttons.forEach(ConsoleKeysIT::assertShownWhole);
        } finally {
            window.setBounds(before);
        }
    }

    @Test
    void aServerWithoutANameShowsItsAddressOnceInTheHeader() throws Exception {
        ConsoleEditors.open(page, new Server(null, "127.0.0.1", shellAddress.getPort(), "test"));
        Label endpoint = (Label) find(workbenchShell(), "console.endpoint");
        org.eclipse.swt.custom.CLabel name = (org.eclipse.swt.custom.CLabel) find(workbenchShell(), "console.name");
        assertEquals("127.0.0.1:" + shellAddress.getPort(), endpoint.getText());
        assertEquals("", name.getText(), "the name would only repeat the address");
    }

    private static boolean shownWhole(Control control) {
        try {
            assertShownWhole(control);
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    /** The control, at its preferred size, lies within every composite around it up to the shell. */
    private static void assertShownWhole(Control control) {
        Point needed = control.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        Rectangle bounds = control.getDisplay().map(control.getParent(), null, control.getBounds());
        assertTrue(bounds.width >= needed.x, control + " is cut: " + bounds.width + " < " + needed.x);
        for (Control around = control.getParent(); around != null && !(around instanceof Shell); around = around.getParent()) {
            Rectangle area = around.getDisplay().map(around, null, ((org.eclipse.swt.widgets.Composite) around).getClientArea());
            assertTrue(area.contains(bounds.x, bounds.y) && area.contains(bounds.x + bounds.width - 1, bounds.y + bounds.height - 1),
                    control + " at " + bounds + " runs outside " + around + " at " + area);
        }
    }

    private static void assertWhole(Control control) {
        Point needed = control.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        Rectangle bounds = control.getBounds();
        assertTrue(bounds.width >= needed.x, control + " is cut: " + bounds.width + " < " + needed.x);
        assertTrue(bounds.x + bounds.width <= control.getParent().getClientArea().width,
                control + " runs past the header's right edge");
    }

    /** Ctrl+Space in the empty input line, as typed: the proposals shown, then Escape closes them. */
    private List<String> complete(Console console) throws InterruptedException {
        console.input.setText("");
        List<String> shown = List.of();
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        // the agent's help arrives after connecting: until then Ctrl+Space has nothing to show
        while (shown.isEmpty() && System.currentTimeMillis() < deadline) {
            pressKey(console.input, SWT.CTRL, ' ');
            shown = proposals();
        }
        assertFalse(shown.isEmpty(), "Ctrl+Space shows the completions");
        pressKey(console.input, SWT.NONE, SWT.ESC);
        return shown;
    }

    private void startTicker(Console console) throws InterruptedException {
        typeText(console.input, "sh: sh " + ticker + "\r");
        console.waitFor("the long command streams", () -> console.cancel.isEnabled() && console.output.getText().contains("tick 3\n"));
    }

    private Pattern cancelledLine() {
        return Pattern.compile(Pattern.quote("\u2190 sh: sh " + ticker + ": cancelled after ") + "\\d+(\\.\\d)? (ms|s)\n");
    }

    private void setClipboard(String text) {
        Clipboard clipboard = new Clipboard(display);
        try {
            clipboard.setContents(new Object[] { text }, new Transfer[] { TextTransfer.getInstance() });
        } finally {
            clipboard.dispose();
        }
    }

    private String clipboard() {
        Clipboard clipboard = new Clipboard(display);
        try {
            return (String) clipboard.getContents(TextTransfer.getInstance());
        } finally {
            clipboard.dispose();
        }
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    /** A line of the tokens or known-agents file (Java properties: the colons escaped). */
    private static String entry(InetSocketAddress address, String value) {
        return "127.0.0.1\\:" + address.getPort() + "=" + value.replace(":", "\\:") + "\n";
    }

    /** The widgets of one open console, found while it is the visible editor. */
    private static final class Console {
        final Label status = (Label) find(workbenchShell(), "console.status");
        final StyledText output = (StyledText) find(workbenchShell(), "console.output");
        final Text input = (Text) find(workbenchShell(), "console.input");
        final Button cancel = (Button) find(workbenchShell(), "console.cancel");

        void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
            waitUntil(what, condition, () -> "; status " + status.getText() + ", input '" + input.getText() + "', focus on "
                    + input.getDisplay().getFocusControl() + ", transcript:\n" + output.getText());
        }
    }

    private Console open(String name, InetSocketAddress address) throws Exception {
        ConsoleEditors.open(page, new Server(name, "127.0.0.1", address.getPort(), "test"));
        Console console = new Console();
        console.waitFor(name + " connects", () -> "connected".equals(console.status.getText()));
        return console;
    }
}
