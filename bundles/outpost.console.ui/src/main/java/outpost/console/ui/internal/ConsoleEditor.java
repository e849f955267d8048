package outpost.console.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.SimpleContentProposalProvider;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.SessionFactory;
import outpost.client.SessionListener;
import outpost.client.SessionStatus;
import outpost.client.CertificateChangedException;
import outpost.client.UntrustedAgentException;
import outpost.console.ui.ConsolePreferences;
import outpost.console.ui.ServerEditorInput;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.servers.Server;

/**
 * The console of one server: its own session, a header with the connection status and the
 * session actions, a live CPU/RAM chart, the transcript, and an input line that is enabled only
 * while connected. Network work runs in Jobs; results reach the widgets through asyncExec, output
 * in batches. A lost connection is retried with capped exponential backoff when the preference
 * says so, and always after the agent announced a reset.
 */
public final class ConsoleEditor extends EditorPart {

    /** Key under which widgets carry a stable id, for tests and accessibility tools. */
    public static final String WIDGET_ID = "outpost.widget";

    static final String ADMIN_ROLE = "admin";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int FLUSH_MILLIS = 50;
    private static final int CHART_SAMPLES = 100; // 5 minutes at one sample every 3 s
    private static final String[][] QUICK_COMMANDS = { { "OS", "os" }, { "Name", "name" }, { "IP", "ip" }, { "CPU", "cpu" },
            { "RAM", "ram" }, { "Disk", "disk" }, { "Help", "help" } };

    private Server server;
    private SessionFactory factory;
    /** The current session; UI thread only. */
    private AgentSession session;
    private Display display;
    private Label statusLabel;
    private Button connectButton;
    private Button resetButton;
    private Button killButton;
    private TranscriptView transcript;
    private Text input;
    private Button sendButton;
    private Button cancelButton;
    private MetricChart chart;
    private ContentProposalAdapter completion;
    private final SimpleContentProposalProvider proposals = new SimpleContentProposalProvider(new String[0]);
    private final List<Button> quickButtons = new ArrayList<>();
    private final CommandHistory history = new CommandHistory();
    private final OutputBatcher batcher = new OutputBatcher();
    private final MetricHistory metrics = new MetricHistory(CHART_SAMPLES);
    /** Commands of this console whose result has not come yet; UI thread only. */
    private final Set<CommandCall> running = new HashSet<>();
    private ReconnectBackoff backoff;
    /** The connect attempt scheduled or running, if any; UI thread only. */
    private Job pendingConnect;
    private MetricPoller poller;
    /** The open first-contact question, if any; UI thread only. */
    /** The open trust question (new or changed certificate), at most one per console. */
    private MessageDialog trustDialog;
    /** Set when the user disconnected or killed the agent: no automatic reconnect then. UI thread only. */
    private boolean stayDisconnected;
    /** Set when the agent announced a reset; cleared once connected again. UI thread only. */
    private boolean agentRestarting;
    private volatile boolean disposed;

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
        backoff = new ReconnectBackoff(preferences.reconnectMaxDelay());
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);

        createHeader(parent);
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

        createQuickButtons(parent);
        createInputRow(parent);

        factory = getSite().getService(SessionFactory.class);
        if (factory == null) {
            transcript.appendError("The Outpost client service is not available: is org.apache.felix.scr started?");
            showStatus(SessionStatus.DISCONNECTED);
            connectButton.setEnabled(false);
            return;
        }
        showStatus(SessionStatus.DISCONNECTED);
        connect(true, 0);
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
        connectButton = button(header, "Connect", "console.connect", event -> toggleConnection());
        resetButton = button(header, "Reset", "console.reset", event -> run("reset"));
        resetButton.setToolTipText("Restart the agent: every client is disconnected and this console reconnects (admin role)");
        killButton = button(header, "Kill", "console.kill", event -> confirmAndKill());
        killButton.setToolTipText("Stop the agent for good (admin role)");
        Button save = button(header, "Save\u2026", "console.save", event -> saveTranscript());
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

    private void createInputRow(Composite parent) {
        Composite inputRow = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(inputRow);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(inputRow);
        input = new Text(inputRow, SWT.SINGLE | SWT.BORDER);
        input.setData(WIDGET_ID, "console.input");
        input.setMessage("command, e.g. cpu, ram, os, name, help (Ctrl+Space completes)");
        input.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(input);
        input.addListener(SWT.DefaultSelection, event -> {
            if (!completion.isProposalPopupOpen()) {
                send();
            }
        });
        input.addListener(SWT.KeyDown, this::keyPressed);
        proposals.setFiltering(true);
        completion = new ContentProposalAdapter(input, new TextContentAdapter(), proposals,
                KeyStroke.getInstance(SWT.MOD1, ' '), null);
        completion.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_REPLACE);
        sendButton = button(inputRow, "Send", "console.send", event -> send());
        cancelButton = button(inputRow, "Cancel", "console.cancel", event -> cancelRunning());
        cancelButton.setToolTipText("Stop the running commands (Ctrl+C)");
        cancelButton.setEnabled(false);
    }

    private static Button button(Composite parent, String text, String id, org.eclipse.swt.widgets.Listener action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.setData(WIDGET_ID, id);
        button.addListener(SWT.Selection, action);
        return button;
    }

    private void toggleConnection() {
        if (session != null && session.status() == SessionStatus.CONNECTED) {
            stayDisconnected = true;
            cancelPendingConnect();
            session.close();
            transcript.appendInfo("Disconnected.");
        } else if (session == null || session.status() == SessionStatus.DISCONNECTED) {
            connect(true, 0);
        }
    }

    /**
     * Looks the token up in a Job (secure storage or the tokens file: I/O, perhaps a password
     * prompt); asks the user on the UI thread when there is none; then connects in a Job.
     *
     * @param manual whether the user asked: failures then show a dialog, else a transcript line
     * @param delayMillis how long to wait first (reconnect backoff)
     */
    private void connect(boolean manual, long delayMillis) {
        cancelPendingConnect();
        stayDisconnected = false;
        if (manual) {
            backoff.reset();
            transcript.appendInfo("Connecting to " + server.endpoint() + " ...");
        }
        Job lookup = Job.create("Looking up the token of " + server.name(), (IProgressMonitor monitor) -> {
            if (disposed || monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            Optional<String> token;
            try {
                token = ConsoleCredentials.store().token(server);
            } catch (IOException | RuntimeException e) {
                ILog.of(ConsoleEditor.class).warn("Cannot read the token of " + server.endpoint(), e);
                inUi(() -> transcript.appendError("Cannot read the token of " + server.endpoint() + ": " + e.getMessage()));
                token = Optional.empty();
            }
            Optional<String> found = token;
            inUi(() -> found.ifPresentOrElse(t -> connectWith(t, manual), () -> {
                if (manual) {
                    askTokenAndConnect();
                } else {
                    transcript.appendError("Not reconnecting: no token for " + server.endpoint() + ".");
                }
            }));
            return Status.OK_STATUS;
        });
        lookup.setSystem(!manual);
        pendingConnect = lookup;
        lookup.schedule(delayMillis);
    }

    private void askTokenAndConnect() {
        InputDialog ask = new InputDialog(getSite().getShell(), "Token for " + server.name(),
                "The agent at " + server.endpoint() + " needs a token (its data/token file holds the admin token):",
                "", text -> text.isBlank() ? "Enter the token" : null);
        if (ask.open() != Window.OK) {
            transcript.appendError("Not connected: no token for " + server.endpoint() + ".");
            return;
        }
        String token = ask.getValue().strip();
        Job.create("Keeping the token of " + server.name(), (IProgressMonitor monitor) -> {
            try {
                ConsoleCredentials.store().rememberToken(server, token);
            } catch (IOException | RuntimeException e) {
                ILog.of(ConsoleEditor.class).warn("Cannot keep the token of " + server.endpoint(), e);
                inUi(() -> transcript.appendError("The token is used but not kept: " + e.getMessage()));
            }
            inUi(() -> connectWith(token, true));
            return Status.OK_STATUS;
        }).schedule();
    }

    private void connectWith(String token, boolean manual) {
        if (session != null) {
            session.close();
        }
        stopPolling();
        AgentSession connecting = factory.create(StoredCredentialsConnector.settings(server, token, ConsoleCredentials.store()));
        session = connecting;
        connecting.addListener(new SessionListener() {
            @Override
            public void statusChanged(AgentSession changed, SessionStatus status, String reason) {
                inUi(() -> sessionStatusChanged(changed, status, reason));
            }

            @Override
            public void noticeReceived(AgentSession from, Notice notice) {
                inUi(() -> {
                    if (from == session) {
                        agentRestarting = notice.kind() == NoticeKind.RESETTING;
                        transcript.appendInfo("Agent notice: " + notice.text());
                    }
                });
            }
        });
        Job job = Job.create("Connecting to " + server.name(), (IProgressMonitor monitor) -> {
            if (disposed) {
                return Status.CANCEL_STATUS;
            }
            try {
                connecting.connect();
                inUi(() -> connected(connecting));
            } catch (UntrustedAgentException e) {
                inUi(() -> askTrust(connecting, token, e.fingerprint()));
            } catch (CertificateChangedException e) {
                inUi(() -> certificateChanged(connecting, token, e, manual));
            } catch (IOException e) {
                boolean tokenRefused = e.getMessage() != null && e.getMessage().contains("refused the token");
                if (tokenRefused) {
                    forgetToken();
                }
                inUi(() -> connectFailed(connecting, e.getMessage(), manual, tokenRefused));
            } catch (IllegalStateException e) {
                // closed by the user or replaced while connecting: nothing to report
            }
            return Status.OK_STATUS;
        });
        job.setSystem(!manual);
        pendingConnect = job;
        job.schedule();
    }

    private void forgetToken() {
        try {
            ConsoleCredentials.store().forgetToken(server);
        } catch (IOException | RuntimeException e) {
            ILog.of(ConsoleEditor.class).warn("Cannot forget the token of " + server.endpoint(), e);
        }
    }

    private void connected(AgentSession connected) {
        if (connected != session) {
            return;
        }
        pendingConnect = null;
        backoff.reset();
        agentRestarting = false;
        String greeting = connected.hello().map(hello -> "Connected to " + hello.hostName() + " (agent "
                + hello.agentVersion() + ", protocol " + hello.protocolMajor() + "." + hello.protocolMinor() + ")")
                .orElse("Connected");
        transcript.appendInfo(greeting + ", roles: " + String.join(", ", connected.roles()) + "\n"
                + connected.fingerprint().map(f -> "TLS, certificate " + f).orElse("No TLS: plain TCP"));
        showStatus(SessionStatus.CONNECTED);
        loadCompletions(connected);
        poller = new MetricPoller(connected, metrics, () -> inUi(chart::refresh));
        poller.start();
    }

    /** First contact: the user compares the fingerprint and decides; a refusal leaves the console disconnected. */
    private void askTrust(AgentSession refused, String token, String fingerprint) {
        if (refused != session) {
            return;
        }
        pendingConnect = null;
        if (trustDialog != null) {
            return; // already asking
        }
        // not blocking: no nested event loop per console, and closing the console closes the question
        TrustDialog dialog = new TrustDialog(getSite().getShell(), server, fingerprint);
        dialog.setBlockOnOpen(false);
        dialog.open();
        trustDialog = dialog;
        dialog.getShell().addListener(SWT.Dispose, event -> {
            trustDialog = null;
            if (!disposed) {
                trustAnswered(dialog.getReturnCode() == TrustDialog.TRUST, token, fingerprint);
            }
        });
    }

    /**
     * A changed certificate is never retried by itself; when the user asked to connect, they may
     * replace the pin after a warning (the way out after a known reinstall), refusing by default.
     */
    private void certificateChanged(AgentSession refused, String token, CertificateChangedException changed, boolean manual) {
        if (refused != session) {
            return;
        }
        pendingConnect = null;
        transcript.appendError(changed.getMessage());
        if (!manual) {
            transcript.appendError("Not reconnecting.");
            return;
        }
        if (trustDialog != null) {
            return; // already asking
        }
        ChangedCertificateDialog dialog = new ChangedCertificateDialog(getSite().getShell(), server, changed);
        dialog.setBlockOnOpen(false);
        dialog.open();
        trustDialog = dialog;
        dialog.getShell().addListener(SWT.Dispose, event -> {
            trustDialog = null;
            if (disposed) {
                return;
            }
            if (dialog.getReturnCode() == ChangedCertificateDialog.TRUST_NEW) {
                transcript.appendInfo("Replacing the pinned certificate " + changed.pinned() + " at your word.");
                trustAnswered(true, token, changed.presented());
            } else {
                stayDisconnected = true;
                transcript.appendError("Not connected: the changed certificate of " + server.endpoint() + " stays refused.");
            }
        });
    }

    private void trustAnswered(boolean trusted, String token, String fingerprint) {
        if (!trusted) {
            stayDisconnected = true;
            transcript.appendError("Not connected: you did not trust the certificate of " + server.endpoint() + " ("
                    + fingerprint + ").");
            return;
        }
        Job.create("Pinning the certificate of " + server.name(), (IProgressMonitor monitor) -> {
            try {
                ConsoleCredentials.store().pins().remember(server.host(), server.port(), fingerprint);
                inUi(() -> {
                    transcript.appendInfo("Trusted and pinned " + fingerprint + ".");
                    connectWith(token, true);
                });
            } catch (IOException | RuntimeException e) {
                ILog.of(ConsoleEditor.class).error("Cannot pin the certificate of " + server.endpoint(), e);
                inUi(() -> transcript.appendError("Cannot pin the certificate: " + e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private void connectFailed(AgentSession failed, String message, boolean manual, boolean tokenRefused) {
        if (failed != session) {
            return;
        }
        pendingConnect = null;
        if (manual) {
            transcript.appendError(message);
            MessageDialog.openError(getSite().getShell(), "Cannot connect to " + server.name(), message);
        } else if (tokenRefused || message.contains("CHANGED")) {
            transcript.appendError(message + "\nNot reconnecting.");
        } else {
            scheduleReconnect(message);
        }
    }

    private void sessionStatusChanged(AgentSession changed, SessionStatus status, String reason) {
        if (changed != session) {
            return; // a session this console has replaced
        }
        if (status == SessionStatus.CONNECTED) {
            return; // shown by connected(), once the greeting is written
        }
        showStatus(status);
        if (status != SessionStatus.DISCONNECTED) {
            return;
        }
        stopPolling();
        if (reason != null && pendingConnect == null) { // a connection that was up is lost
            transcript.appendError(reason);
            if (!stayDisconnected && (agentRestarting || ConsolePreferences.current().autoReconnect())) {
                scheduleReconnect(null);
            }
        }
    }

    private void scheduleReconnect(String lastFailure) {
        if (disposed || stayDisconnected) {
            return;
        }
        int attemptsMade = backoff.attempts();
        Duration delay = backoff.next();
        transcript.appendInfo((lastFailure == null ? "" : "Reconnect attempt " + attemptsMade + " failed: "
                + lastFailure + "\n") + "Reconnecting in " + delay.toSeconds() + " s ...");
        connect(false, delay.toMillis());
    }

    private void cancelPendingConnect() {
        if (pendingConnect != null) {
            pendingConnect.cancel();
            pendingConnect = null;
        }
    }

    private void stopPolling() {
        if (poller != null) {
            poller.stop();
            poller = null;
        }
    }

    /** The agent's own list of commands, for completion on Ctrl+Space. */
    private void loadCompletions(AgentSession from) {
        from.send("help").whenComplete((reply, error) -> {
            if (error == null && reply.isOk()) {
                List<String> names = HelpCommands.parse(reply.stdout());
                inUi(() -> proposals.setProposals(names.toArray(String[]::new)));
            }
        });
    }

    /** Up and Down walk the history; Ctrl+C without a selection cancels, as in a terminal. */
    private void keyPressed(Event event) {
        if (completion.isProposalPopupOpen()) {
            return; // the keys move in the proposals
        }
        if (event.keyCode == SWT.ARROW_UP || event.keyCode == SWT.ARROW_DOWN) {
            String line = event.keyCode == SWT.ARROW_UP ? history.previous() : history.next();
            if (line != null) {
                input.setText(line);
                input.setSelection(line.length());
            }
            event.doit = false;
        } else if ((event.stateMask & SWT.MOD1) != 0 && event.keyCode == 'c' && input.getSelectionCount() == 0
                && !running.isEmpty()) {
            cancelRunning();
            event.doit = false;
        }
    }

    private void cancelRunning() {
        running.forEach(CommandCall::cancel);
    }

    private void confirmAndKill() {
        if (new KillConfirmation(getSite().getShell(), server).open() == KillConfirmation.KILL) {
            stayDisconnected = true; // the user wants it down: do not knock on its door
            run("kill");
        }
    }

    private void saveTranscript() {
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.SAVE);
        dialog.setText("Save the transcript of " + server.name());
        dialog.setFileName(server.name().replaceAll("[^\\w.-]+", "_") + "-transcript.txt");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null) {
            saveTranscript(Path.of(chosen));
        }
    }

    /** Writes the transcript as it is now, atomically, in a Job. */
    void saveTranscript(Path file) {
        String content = transcript.content();
        Job.create("Saving the transcript of " + server.name(), (IProgressMonitor monitor) -> {
            try {
                TranscriptFile.write(file, content);
                inUi(() -> transcript.appendInfo("Transcript saved to " + file + "."));
            } catch (IOException e) {
                ILog.of(ConsoleEditor.class).error("Cannot save the transcript to " + file, e);
                inUi(() -> transcript.appendError("Cannot save the transcript to " + file + ": " + e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private void send() {
        String line = input.getText().strip();
        if (line.isEmpty()) {
            return;
        }
        input.setText("");
        history.add(line);
        run(line);
    }

    private void run(String line) {
        if (session == null || session.status() != SessionStatus.CONNECTED) {
            return;
        }
        transcript.appendCommand(LocalTime.now().format(TIME) + "  > " + line);
        CommandCall call;
        try {
            call = session.execute(line, null, chunk -> output(chunk.text(), chunk.kind() == OutputKind.STDERR));
        } catch (IllegalStateException e) {
            transcript.appendError(e.getMessage()); // the connection ended since the check above
            return;
        }
        running.add(call);
        cancelButton.setEnabled(true);
        call.result().whenComplete((Result result, Throwable error) -> inUi(() -> {
            running.remove(call);
            cancelButton.setEnabled(!running.isEmpty());
            flushOutput(); // everything the command wrote comes before its end line
            transcript.endLine();
            if (error != null) {
                transcript.appendError(line + ": " + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()));
            } else {
                transcript.appendEnd(summary(line, result), result.isOk() && result.exitCode() == 0);
            }
        }));
    }

    private static String summary(String line, Result result) {
        String status = result.isOk() ? "ok" : result.status().name().toLowerCase(java.util.Locale.ROOT);
        String message = result.message() == null || result.message().isBlank() || result.isOk() ? "" : ": " + result.message();
        return "\u2190 " + line + ": " + status + message + ", exit " + result.exitCode() + ", " + result.durationMillis()
                + " ms" + (result.truncated() ? ", output truncated" : "");
    }

    /** On a network thread: collect, and have the UI thread take everything collected in one go. */
    private void output(String text, boolean stderr) {
        if (batcher.add(text, stderr) && !disposed && !display.isDisposed()) {
            display.asyncExec(() -> {
                if (!disposed && !display.isDisposed()) {
                    display.timerExec(FLUSH_MILLIS, this::flushOutput);
                }
            });
        }
    }

    private void flushOutput() {
        if (!statusLabel.isDisposed()) {
            transcript.appendOutput(batcher.drain());
        }
    }

    private void showStatus(SessionStatus status) {
        boolean restarting = status == SessionStatus.DISCONNECTED && agentRestarting;
        statusLabel.setText(restarting ? "agent restarting" : status.label());
        statusLabel.setForeground(display.getSystemColor(switch (status) {
            case CONNECTED -> SWT.COLOR_DARK_GREEN;
            case CONNECTING -> SWT.COLOR_DARK_YELLOW;
            case DISCONNECTED -> restarting ? SWT.COLOR_DARK_YELLOW : SWT.COLOR_DARK_RED;
        }));
        connectButton.setText(status == SessionStatus.CONNECTED ? "Disconnect" : "Connect");
        connectButton.setEnabled(status != SessionStatus.CONNECTING);
        boolean canSend = status == SessionStatus.CONNECTED;
        boolean admin = canSend && session != null && session.roles().contains(ADMIN_ROLE);
        resetButton.setEnabled(admin);
        killButton.setEnabled(admin);
        input.setEnabled(canSend);
        sendButton.setEnabled(canSend);
        quickButtons.forEach(button -> button.setEnabled(canSend));
        if (canSend) {
            input.setFocus();
        }
        statusLabel.getParent().layout();
    }

    /** Runs on the UI thread later, unless the editor has been closed meanwhile. */
    private void inUi(Runnable runnable) {
        if (disposed || display == null || display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (!disposed && !statusLabel.isDisposed()) {
                runnable.run();
            }
        });
    }

    @Override
    public void setFocus() {
        (input.isEnabled() ? input : connectButton).setFocus();
    }

    @Override
    public void dispose() {
        disposed = true;
        if (trustDialog != null) {
            trustDialog.close();
        }
        cancelPendingConnect();
        stopPolling();
        if (session != null) {
            session.close();
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
