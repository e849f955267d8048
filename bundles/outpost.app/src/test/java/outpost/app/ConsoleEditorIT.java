package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.agent.ShellPolicy;
import outpost.console.ui.ConsoleEditors;
import outpost.servers.Server;

/**
 * Console editors as a user works with them, in the real workbench under Xvfb, against two real
 * agents on loopback: the first contact asks to trust each certificate, both consoles run
 * commands, a flood streams and is cancelled, one agent is killed through the Kill action (its
 * confirmation accepted) while the other console keeps working, and a reset agent is reconnected
 * by itself.
 */
class ConsoleEditorIT {

    private static final String WIDGET_ID = "outpost.widget";

    private final BundleContext context = FrameworkUtil.getBundle(ConsoleEditorIT.class).getBundleContext();
    private ExtraAgents extraAgents;
    private Agent first;
    private Agent second;
    private InetSocketAddress firstAddress;
    private InetSocketAddress secondAddress;
    private Path ticker;
    private Path secondData;
    private IWorkbenchPage page;
    private Display display;
    /** Buttons to press in dialogs as they open, by the id (or title prefix) of their shell. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> dialogsSeen = new ArrayList<>();
    private final Listener answerer = this::answerDialog;

    @BeforeEach
    void startTwoAgents() throws Exception {
        first = service(Agent.class);
        Path firstData = Files.createTempDirectory("outpost-console-a");
        // a long command that streams a line every 100 ms until it is stopped
        ticker = Files.writeString(firstData.resolve("ticker.sh"), "i=0\nwhile true; do i=$((i+1)); echo \"tick $i\"; sleep 0.1; done\n");
        firstAddress = first.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), firstData)
                .withShell(new ShellPolicy(List.of("seq *", "sh " + ticker), List.of()), Duration.ofSeconds(60), 64 << 20))
                .address();
        extraAgents = new ExtraAgents();
        second = extraAgents.create();
        secondData = Files.createTempDirectory("outpost-console-b");
        secondAddress = second.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                secondData)).address();
        Files.deleteIfExists(Path.of(System.getProperty("outpost.knownAgents"))); // new identities: forget old pins
        Path tokens = Path.of(System.getProperty("outpost.tokens"));
        Files.createDirectories(tokens.getParent());
        Files.writeString(tokens, "127.0.0.1\\:" + firstAddress.getPort() + "=" + Files.readString(firstData.resolve("token")).strip()
                + "\n127.0.0.1\\:" + secondAddress.getPort() + "=" + Files.readString(secondData.resolve("token")).strip() + "\n");
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        display = Display.getCurrent();
        display.addFilter(SWT.Show, answerer);
        display.addFilter(SWT.Activate, answerer);
    }

    @AfterEach
    void stopEverything() throws Exception {
        display.removeFilter(SWT.Show, answerer);
        display.removeFilter(SWT.Activate, answerer);
        page.closeAllEditors(false);
        first.stop();
        extraAgents.close(); // stops the second agent; its worker pool and timer thread end with it
    }

    @Test
    void twoConsolesTwoAgentsStreamCancelKillAndTheOtherKeepsWorking() throws Exception {
        answers.put("console.trustDialog", "Trust and connect");
        Console a = open("agent A", firstAddress);
        Console b = open("agent B", secondAddress);
        assertEquals(2, dialogsSeen.stream().filter("console.trustDialog"::equals).count(), "each new agent asks for trust");
        assertTrue(Files.readString(Path.of(System.getProperty("outpost.knownAgents")))
                .contains("127.0.0.1\\:" + secondAddress.getPort() + "=SHA256"), "the accepted fingerprint is pinned");
        assertTrue(a.kill.isEnabled() && a.reset.isEnabled(), "the admin token may reset and kill");

        a.type("cpu");
        b.type("help");
        a.waitFor("A answers cpu", () -> a.output.getText().contains("logical cores"));
        b.waitFor("B answers help", () -> b.output.getText().contains("list the commands you may run"));
        a.waitFor("a command ends with its status and duration",
                () -> Pattern.compile("\u2190 cpu: ok, \\d+ ms").matcher(a.output.getText()).find());
        assertTrue(Pattern.compile("\\d\\d:\\d\\d:\\d\\d  > cpu").matcher(a.output.getText()).find(), "a header with the time");

        // completion of command names from the agent's help
        a.input.setText("up");
        Event complete = new Event();
        complete.keyCode = ' ';
        complete.stateMask = SWT.MOD1;
        a.input.notifyListeners(SWT.KeyDown, complete);
        waitUntil("the completion popup proposes uptime", () -> proposals().contains("uptime"));
        assertFalse(proposals().contains("cpu"), "proposals are filtered by what was typed");
        Event enter = new Event();
        enter.keyCode = SWT.CR;
        enter.character = SWT.CR;
        a.input.notifyListeners(SWT.KeyDown, enter);
        assertEquals("uptime", a.input.getText());
        a.input.setText("");

        // a long command streams until cancelled
        a.type("sh: sh " + ticker);
        a.waitFor("the long command streams", () -> a.cancel.isEnabled() && a.output.getText().contains("tick 5\n"));
        click(a.cancel);
        a.waitFor("the long command ends as cancelled", () -> a.output.getText().contains("sh " + ticker + ": cancelled"));
        assertFalse(a.cancel.isEnabled(), "nothing left to cancel");

        // a flood of output arrives whole, in batches, and the scrollback keeps the newest lines
        a.type("sh: seq 1 300000");
        a.waitFor("the flood is shown to its end", () -> a.output.getText().contains("\n300000\n\u2190 sh: seq 1 300000: ok, exit 0"));
        assertTrue(a.output.getLineCount() <= 10_001, "scrollback is bounded: " + a.output.getLineCount());
        assertTrue(a.output.getText().contains("\n295000\n") && !a.output.getText().contains("\n200000\n"),
                "the oldest lines were dropped, the newest kept");

        // kill B through its action, confirming the question
        answers.put("console.killConfirmation", "Kill agent");
        click(b.kill);
        assertTrue(dialogsSeen.contains("console.killConfirmation"), "kill asks first");
        b.waitFor("B turns disconnected", () -> "disconnected".equals(b.status.getText()));
        b.waitFor("B says the agent stopped", () -> b.output.getText().contains("stopped"));
        assertFalse(b.input.isEnabled(), "no sending to a dead agent");
        assertFalse(b.output.getText().contains("Reconnecting"), "a killed agent is not called back");

        a.type("name");
        String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        a.waitFor("A still answers", () -> a.output.getText().contains("\n" + hostName + "\n"));
        assertEquals("connected", a.status.getText());
    }

    @Test
    void aResetAgentIsShownRestartingAndReconnectedByItself() throws Exception {
        answers.put("console.trustDialog", "Trust and connect");
        Console a = open("agent A", firstAddress);
        click(a.reset);
        a.waitFor("the console shows the agent restarting", () -> "agent restarting".equals(a.status.getText()));
        assertTrue(a.output.getText().contains("is restarting"), a.output.getText());
        a.waitFor("the console reconnects by itself", () -> "connected".equals(a.status.getText()));
        assertEquals(1, dialogsSeen.stream().filter("console.trustDialog"::equals).count(), "the pinned agent is not asked about again");
        a.type("ram");
        a.waitFor("the reconnected console answers", () -> a.output.getText().contains("RAM: "));
    }

    @Test
    void aLostAgentIsRetriedWithGrowingDelaysAndReconnectedOnceItIsBack() throws Exception {
        answers.put("console.trustDialog", "Trust and connect");
        Console b = open("agent B", secondAddress);
        second.stop();
        b.waitFor("B turns disconnected", () -> "disconnected".equals(b.status.getText()));
        b.waitFor("the first retry fails and the next waits longer", () -> b.output.getText().contains("Reconnecting in 2 s"));
        assertTrue(b.output.getText().contains("Reconnect attempt 1 failed: Connection refused by 127.0.0.1:"
                + secondAddress.getPort()), b.output.getText());
        second.start(AgentSettings.defaults(secondAddress, secondData));
        b.waitFor("B reconnects by itself once the agent is back", () -> "connected".equals(b.status.getText()));
        b.type("help");
        b.waitFor("the reconnected console answers", () -> b.output.getText().contains("list the commands you may run"));
    }

    @Test
    void refusingTrustLeavesTheConsoleDisconnectedAndAChangedCertificateIsRefused() throws Exception {
        answers.put("console.trustDialog", "Cancel");
        Console b = open("agent B", secondAddress, false);
        b.waitFor("the refusal is said", () -> b.output.getText().contains("you did not trust the certificate"));
        assertEquals("disconnected", b.status.getText());
        page.closeAllEditors(false);

        Files.writeString(Path.of(System.getProperty("outpost.knownAgents")),
                "127.0.0.1\\:" + secondAddress.getPort() + "=SHA256\\:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        answers.put("console.changedCertificateDialog", "Keep Refusing");
        Console again = open("agent B", secondAddress, false);
        again.waitFor("the changed certificate is explained", () -> again.output.getText().contains("has CHANGED"));
        again.waitFor("refusing is kept", () -> again.output.getText().contains("stays refused"));
        assertTrue(dialogsSeen.contains("console.changedCertificateDialog"), "the user is warned and asked");
        assertEquals("disconnected", again.status.getText());
        page.closeAllEditors(false);

        // the agent was reinstalled, the user knows it: the new certificate replaces the pin
        answers.put("console.changedCertificateDialog", "Trust the New Certificate");
        Console replaced = open("agent B", secondAddress, false);
        replaced.waitFor("the console connects with the new pin", () -> "connected".equals(replaced.status.getText()));
        String pins = Files.readString(Path.of(System.getProperty("outpost.knownAgents")));
        assertFalse(pins.contains("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "the old pin is gone: " + pins);
    }

    /** The widgets of one open console, found while it was the visible editor. */
    private final class Console {
        final Label status = (Label) find("console.status");
        final StyledText output = (StyledText) find("console.output");
        final Text input = (Text) find("console.input");
        final Button cancel = (Button) find("console.cancel");
        final Button kill = (Button) find("console.kill");
        final Button reset = (Button) find("console.reset");
        final Control chart = find("console.chart");

        void type(String command) {
            input.setText(command);
            input.notifyListeners(SWT.DefaultSelection, new Event());
        }

        void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
            waitUntil(what, condition, () -> "; status " + status.getText() + ", transcript:\n" + tail(output.getText()));
        }
    }

    private Console open(String name, InetSocketAddress address) throws Exception {
        return open(name, address, true);
    }

    private Console open(String name, InetSocketAddress address, boolean connects) throws Exception {
        ConsoleEditors.open(page, new Server(name, "127.0.0.1", address.getPort(), "test"));
        Console console = new Console();
        assertNotNull(console.chart);
        if (connects) {
            console.waitFor(name + " connects", () -> "connected".equals(console.status.getText()));
            assertTrue(console.input.isEnabled(), "sending is enabled once connected");
        }
        return console;
    }

    /** Presses the planned button of a dialog once it shows; runs inside the dialog's own event loop. */
    private void answerDialog(Event event) {
        if (!(event.widget instanceof Shell shell) || shell.getData("outpost.test.answered") != null) {
            return;
        }
        Object id = shell.getData(WIDGET_ID);
        String key = id != null ? id.toString()
                : answers.keySet().stream().filter(prefix -> shell.getText().startsWith(prefix)).findFirst().orElse(null);
        String label = key == null ? null : answers.get(key);
        if (label == null) {
            return;
        }
        shell.setData("outpost.test.answered", Boolean.TRUE);
        dialogsSeen.add(key);
        shell.getDisplay().asyncExec(() -> {
            Button button = findButton(shell, label);
            assertNotNull(button, "no button '" + label + "' in dialog " + shell.getText());
            button.notifyListeners(SWT.Selection, new Event());
        });
    }

    private static Button findButton(Composite root, String label) {
        for (Control child : root.getChildren()) {
            if (child instanceof Button button && label.equals(button.getText())) {
                return button;
            }
            if (child instanceof Composite composite) {
                Button found = findButton(composite, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    private static Control find(String id) {
        Control found = findOrNull(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), id);
        assertNotNull(found, "no widget '" + id + "'");
        return found;
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        assertNotNull(service, type.getSimpleName() + " service not available");
        return service;
    }
}
