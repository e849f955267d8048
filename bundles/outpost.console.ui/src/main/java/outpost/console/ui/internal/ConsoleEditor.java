package outpost.console.ui.internal;

import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
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
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.console.ui.ServerEditorInput;
import outpost.protocol.Notice;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.servers.Server;

/**
 * The console of one server: its own session, a header with the connection status, the transcript,
 * and an input line that is enabled only while connected. Network work runs in Jobs; results reach
 * the widgets through asyncExec.
 */
public final class ConsoleEditor extends EditorPart {

    /** Key under which widgets carry a stable id, for tests and accessibility tools. */
    public static final String WIDGET_ID = "outpost.widget";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String[][] QUICK_COMMANDS = { { "OS", "os" }, { "Name", "name" }, { "IP", "ip" }, { "CPU", "cpu" },
            { "RAM", "ram" }, { "Disk", "disk" }, { "Help", "help" } };

    private Server server;
    private SessionFactory factory;
    private AgentSession session;
    private Display display;
    private Label statusLabel;
    private Button connectButton;
    private TranscriptView transcript;
    private Text input;
    private Button sendButton;
    private Button cancelButton;
    private final List<Button> quickButtons = new ArrayList<>();
    private final CommandHistory history = new CommandHistory();
    /** Commands of this console whose result has not come yet; UI thread only. */
    private final Set<CommandCall> running = new HashSet<>();

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
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);

        Composite header = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(header);
        Label title = new Label(header, SWT.NONE);
        title.setText(server.name() + "  \u2014  " + server.endpoint());
        title.setFont(JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        statusLabel = new Label(header, SWT.NONE);
        statusLabel.setData(WIDGET_ID, "console.status");
        GridDataFactory.swtDefaults().hint(130, SWT.DEFAULT).applyTo(statusLabel);
        connectButton = new Button(header, SWT.PUSH);
        connectButton.setData(WIDGET_ID, "console.connect");
        connectButton.addListener(SWT.Selection, event -> toggleConnection());

        StyledText output = new StyledText(parent, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        output.setData(WIDGET_ID, "console.output");
        output.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(output);
        transcript = new TranscriptView(output);

        Composite quick = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(quick);
        GridLayoutFactory.fillDefaults().numColumns(QUICK_COMMANDS.length + 1).applyTo(quick);
        for (String[] command : QUICK_COMMANDS) {
            Button button = new Button(quick, SWT.PUSH);
            button.setText(command[0]);
            button.setToolTipText("Send '" + command[1] + "'");
            button.setData(WIDGET_ID, "console.quick." + command[1]);
            button.addListener(SWT.Selection, event -> run(command[1]));
            quickButtons.add(button);
        }
        Button clear = new Button(quick, SWT.PUSH);
        clear.setText("Clear");
        clear.setData(WIDGET_ID, "console.clear");
        clear.addListener(SWT.Selection, event -> output.setText(""));

        Composite inputRow = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(inputRow);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(inputRow);
        input = new Text(inputRow, SWT.SINGLE | SWT.BORDER);
        input.setData(WIDGET_ID, "console.input");
        input.setMessage("command, e.g. cpu, ram, os, name, help");
        input.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(input);
        input.addListener(SWT.DefaultSelection, event -> send());
        input.addListener(SWT.KeyDown, this::keyPressed);
        sendButton = new Button(inputRow, SWT.PUSH);
        sendButton.setText("Send");
        sendButton.setData(WIDGET_ID, "console.send");
        sendButton.addListener(SWT.Selection, event -> send());
        cancelButton = new Button(inputRow, SWT.PUSH);
        cancelButton.setText("Cancel");
        cancelButton.setToolTipText("Stop the running commands (Ctrl+C)");
        cancelButton.setData(WIDGET_ID, "console.cancel");
        cancelButton.setEnabled(false);
        cancelButton.addListener(SWT.Selection, event -> cancelRunning());

        factory = getSite().getService(SessionFactory.class);
        if (factory == null) {
            transcript.appendError("The Outpost client service is not available: is org.apache.felix.scr started?");
            showStatus(SessionStatus.DISCONNECTED);
            connectButton.setEnabled(false);
            return;
        }
        showStatus(SessionStatus.DISCONNECTED);
        connect();
    }

    private void toggleConnection() {
        if (session != null && session.status() == SessionStatus.CONNECTED) {
            session.close();
        } else if (session == null || session.status() == SessionStatus.DISCONNECTED) {
            connect();
        }
    }

    /**
     * Looks the token up in a Job (the tokens file is disk I/O); asks the user on the UI thread when
     * there is none; then connects in a Job.
     */
    private void connect() {
        transcript.appendInfo("Connecting to " + server.endpoint() + " ...");
        Job.create("Looking up the token of " + server.name(), (IProgressMonitor monitor) -> {
            Optional<String> token;
            try {
                token = ConsoleCredentials.token(server);
            } catch (IOException e) {
                inUi(() -> transcript.appendError("Cannot read " + ConsoleCredentials.tokensFile() + ": " + e.getMessage()));
                token = Optional.empty();
            }
            Optional<String> found = token;
            inUi(() -> found.ifPresentOrElse(this::connectWith, this::askTokenAndConnect));
            return Status.OK_STATUS;
        }).schedule();
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
        ConsoleCredentials.remember(server, token);
        connectWith(token);
    }

    private void connectWith(String token) {
        if (session != null) {
            session.close();
        }
        session = factory.create(SessionSettings.of(server.host(), server.port(), token,
                ConsoleCredentials.knownAgentsFile()));
        session.addListener(new SessionListener() {
            @Override
            public void statusChanged(AgentSession changed, SessionStatus status, String reason) {
                inUi(() -> {
                    if (changed != session) {
                        return; // a session this console has replaced
                    }
                    showStatus(status);
                    if (reason != null && status == SessionStatus.DISCONNECTED) {
                        transcript.appendError(reason);
                    }
                });
            }

            @Override
            public void noticeReceived(AgentSession from, Notice notice) {
                inUi(() -> transcript.appendInfo("Agent notice: " + notice.text()));
            }
        });
        AgentSession connecting = session;
        Job job = Job.create("Connecting to " + server.name(), (IProgressMonitor monitor) -> {
            try {
                connecting.connect();
                String greeting = connecting.hello().map(hello -> "Connected to " + hello.hostName() + " (agent "
                        + hello.agentVersion() + ", protocol " + hello.protocolMajor() + "." + hello.protocolMinor() + ")")
                        .orElse("Connected");
                String details = greeting + ", roles: " + String.join(", ", connecting.roles()) + "\n"
                        + connecting.fingerprint().map(f -> "TLS, certificate " + f).orElse("No TLS: plain TCP");
                inUi(() -> transcript.appendInfo(details));
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains("refused the token")) {
                    ConsoleCredentials.forget(server);
                }
                inUi(() -> MessageDialog.openError(getSite().getShell(), "Cannot connect to " + server.name(),
                        e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    /** Up and Down walk the history; Ctrl+C without a selection cancels, as in a terminal. */
    private void keyPressed(Event event) {
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
            call = session.execute(line, null,
                    chunk -> inUi(() -> transcript.appendOutput(chunk.text(), chunk.kind() == OutputKind.STDERR)));
        } catch (IllegalStateException e) {
            transcript.appendError(e.getMessage()); // the connection ended since the check above
            return;
        }
        running.add(call);
        cancelButton.setEnabled(true);
        call.result().whenComplete((Result result, Throwable error) -> inUi(() -> {
            running.remove(call);
            cancelButton.setEnabled(!running.isEmpty());
            transcript.endLine();
            if (error != null) {
                transcript.appendError(line + ": " + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()));
            } else if (!result.isOk()) {
                transcript.appendError(result.message());
            } else if (result.exitCode() != 0 || result.durationMillis() >= 1000) {
                transcript.appendInfo("exit " + result.exitCode() + " after " + result.durationMillis() + " ms");
            }
        }));
    }

    private void showStatus(SessionStatus status) {
        statusLabel.setText(status.label());
        statusLabel.setForeground(display.getSystemColor(switch (status) {
            case CONNECTED -> SWT.COLOR_DARK_GREEN;
            case CONNECTING -> SWT.COLOR_DARK_YELLOW;
            case DISCONNECTED -> SWT.COLOR_DARK_RED;
        }));
        connectButton.setText(status == SessionStatus.CONNECTED ? "Disconnect" : "Connect");
        connectButton.setEnabled(status != SessionStatus.CONNECTING);
        boolean canSend = status == SessionStatus.CONNECTED;
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
        if (display == null || display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (!statusLabel.isDisposed()) {
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
        if (session != null) {
            session.close();
        }
        super.dispose();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // a console has nothing to save
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
