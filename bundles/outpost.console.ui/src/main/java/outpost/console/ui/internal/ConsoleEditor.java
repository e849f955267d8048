package outpost.console.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

import outpost.client.AgentConnections;
import outpost.client.AgentSession;
import outpost.client.CertificateChangedException;
import outpost.client.SessionStatus;
import outpost.console.ui.ConsolePreferences;
import outpost.console.ui.ServerEditorInput;
import outpost.servers.Server;

/**
 * The console of one server: a header with the connection status and the session actions, a live
 * CPU/RAM chart, the transcript, quick commands and an input line that is enabled only while
 * connected. The connection itself (session, trust, reconnects) is a {@link ConsoleConnection}
 * that reports here on the UI thread; commands run through a {@link CommandRunner}.
 */
public final class ConsoleEditor extends EditorPart implements ConnectionListener {

    /** Key under which widgets carry a stable id, for tests and accessibility tools. */
    public static final String WIDGET_ID = "outpost.widget";

    private static final int CHART_SAMPLES = 100; // 5 minutes at one sample every 3 s
    private static final String[][] QUICK_COMMANDS = { { "OS", "os" }, { "Name", "name" }, { "IP", "ip" }, { "CPU", "cpu" },
            { "RAM", "ram" }, { "Disk", "disk" }, { "Help", "help" } };

    private Server server;
    private Display display;
    private UiThread uiThread;
    /** Null when the client service is missing. */
    private ConsoleConnection connection;
    private ConnectionQuestions questions;
    private Label statusLabel;
    private Button connectButton;
    private Button resetButton;
    private Button killButton;
    private TranscriptView transcript;
    private TranscriptSaver saver;
    private CommandRunner runner;
    private CommandInput input;
    private MetricChart chart;
    private final List<Button> quickButtons = new ArrayList<>();
    private final MetricHistory metrics = new MetricHistory(CHART_SAMPLES);
    private MetricPoller poller;

    @Override
    public void init(IEditorSite site, IEditorInput editorInput) throws PartInitException {
        if (!(editorInput instanceof ServerEditorInput serverInput)) {
            throw new PartInitException("A server console needs a server, not " + editorInput.getName());
        }
        setSite(site);
        setInput(editorInput);
        server = serverInput.server();
        setPartName(server.name());
        setTitleToolTip(serverInput.getToolTipText());
    }

    @Override
    public void createPartControl(Composite parent) {
        display = parent.getDisplay();
        ConsolePreferences preferences = ConsolePreferences.current();
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);

        createHeader(parent);
        uiThread = new UiThread(statusLabel);
        chart = new MetricChart(parent, metrics);
        chart.control().setData(WIDGET_ID, "console.chart");
        chart.control().setToolTipText("CPU (blue) and RAM (green) use over the last " + CHART_SAMPLES
                * MetricPoller.INTERVAL.toSeconds() / 60 + " minutes");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 70).applyTo(chart.control());

        StyledText output = new StyledText(parent, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        output.setData(WIDGET_ID, "console.output");
        output.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(output);
        transcript = new TranscriptView(output, preferences.scrollbackLines());
        saver = new TranscriptSaver(server, transcript, uiThread);

        createQuickButtons(parent);
        runner = new CommandRunner(transcript, display, uiThread, () -> input.runningChanged());
        input = new CommandInput(parent, this::run, runner);
        questions = new ConnectionQuestions(() -> getSite().getShell(), server);

        AgentConnections connections = getSite().getService(AgentConnections.class);
        if (connections == null) {
            transcript.appendError("The Outpost client service is not available: is org.apache.felix.scr started?");
            stateChanged(ConnectionState.DISCONNECTED);
            connectButton.setEnabled(false);
            return;
        }
        stateChanged(ConnectionState.DISCONNECTED);
        connection = new ConsoleConnection(server, new ConsoleConnection.Context(connections, ConsoleCredentials::store,
                ConsolePreferences::current, uiThread, new JobBackgroundWork()), this);
        connection.connect();
    }

    private void createHeader(Composite parent) {
        Composite header = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        GridLayoutFactory.fillDefaults().numColumns(6).applyTo(header);
        Label title = new Label(header, SWT.NONE);
        title.setText(server.name() + "  \u2014  " + server.endpoint());
        title.setFont(JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        statusLabel = new Label(header, SWT.NONE);
        statusLabel.setData(WIDGET_ID, "console.status");
        GridDataFactory.swtDefaults().hint(130, SWT.DEFAULT).applyTo(statusLabel);
        connectButton = button(header, "Connect", "console.connect", event -> connection.toggle());
        resetButton = button(header, "Reset", "console.reset", event -> run("reset"));
        resetButton.setToolTipText("Restart the agent: every client is disconnected and this console reconnects (admin role)");
        killButton = button(header, "Kill", "console.kill", event -> confirmAndKill());
        killButton.setToolTipText("Stop the agent for good (admin role)");
        Button save = button(header, "Save\u2026", "console.save", event -> saver.askAndSave(getSite().getShell()));
        save.setToolTipText("Save the transcript to a file");
    }

    private void createQuickButtons(Composite parent) {
        Composite quick = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(quick);
        GridLayoutFactory.fillDefaults().numColumns(QUICK_COMMANDS.length + 1).applyTo(quick);
        for (String[] command : QUICK_COMMANDS) {
            Button button = button(quick, command[0], "console.quick." + command[1], event -> run(command[1]));
            button.setToolTipText("Send '" + command[1] + "'");
            quickButtons.add(button);
        }
        button(quick, "Clear", "console.clear", event -> transcript.clear());
    }

    static Button button(Composite parent, String text, String id, org.eclipse.swt.widgets.Listener action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.setData(WIDGET_ID, id);
        button.addListener(SWT.Selection, action);
        return button;
    }

    /** Sends a command line, if connected. */
    private void run(String line) {
        if (connection != null) {
            connection.connectedSession().ifPresent(session -> runner.run(session, line));
        }
    }

    private void confirmAndKill() {
        if (new KillConfirmation(getSite().getShell(), server).open() == KillConfirmation.KILL) {
            connection.stayDisconnected(); // the user wants it down: do not knock on its door
            run("kill");
        }
    }

    @Override
    public void stateChanged(ConnectionState state) {
        statusLabel.setText(state.label());
        statusLabel.setForeground(display.getSystemColor(switch (state.status()) {
            case CONNECTED -> SWT.COLOR_DARK_GREEN;
            case CONNECTING -> SWT.COLOR_DARK_YELLOW;
            case DISCONNECTED -> state.agentRestarting() ? SWT.COLOR_DARK_YELLOW : SWT.COLOR_DARK_RED;
        }));
        connectButton.setText(state.canSend() ? "Disconnect" : "Connect");
        connectButton.setEnabled(state.status() != SessionStatus.CONNECTING);
        resetButton.setEnabled(state.admin());
        killButton.setEnabled(state.admin());
        input.setEnabled(state.canSend());
        quickButtons.forEach(button -> button.setEnabled(state.canSend()));
        if (state.canSend()) {
            input.setFocus();
        }
        statusLabel.getParent().layout();
    }

    @Override
    public void info(String text) {
        transcript.appendInfo(text);
    }

    @Override
    public void error(String text) {
        transcript.appendError(text);
    }

    @Override
    public void connected(AgentSession session) {
        loadCompletions(session);
        poller = new MetricPoller(session, metrics, () -> uiThread.execute(chart::refresh));
        poller.start();
    }

    @Override
    public void sessionEnded() {
        if (poller != null) {
            poller.stop();
            poller = null;
        }
    }

    @Override
    public void connectFailed(String message) {
        MessageDialog.openError(getSite().getShell(), "Cannot connect to " + server.name(), message);
    }

    @Override
    public Optional<String> askToken() {
        return questions.askToken();
    }

    @Override
    public void askTrust(String fingerprint, Consumer<Boolean> answer) {
        questions.askTrust(fingerprint, answer);
    }

    @Override
    public void askChangedCertificate(CertificateChangedException changed, Consumer<Boolean> answer) {
        questions.askChangedCertificate(changed, answer);
    }

    /** The agent's own list of commands, for completion on Ctrl+Space. */
    private void loadCompletions(AgentSession from) {
        from.send("help").whenComplete((reply, error) -> {
            if (error == null && reply.isOk()) {
                List<String> names = HelpCommands.parse(reply.stdout());
                uiThread.execute(() -> input.setCompletions(names));
            }
        });
    }

    @Override
    public void setFocus() {
        if (input.isEnabled()) {
            input.setFocus();
        } else {
            connectButton.setFocus();
        }
    }

    @Override
    public void dispose() {
        if (uiThread != null) {
            uiThread.close();
        }
        if (questions != null) {
            questions.close();
        }
        sessionEnded();
        if (connection != null) {
            connection.dispose();
        }
        super.dispose();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // a console has nothing to save; its transcript is saved with the Save... button
    }

    @Override
    public void doSaveAs() {
        // a console has nothing to save
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }
}
