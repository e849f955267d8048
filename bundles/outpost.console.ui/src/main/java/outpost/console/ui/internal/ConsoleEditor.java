package outpost.console.ui.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.PreferenceChangeEvent;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.IHandlerService;

import outpost.console.ui.UiThread;
import outpost.client.AgentConnections;
import outpost.client.AgentSession;
import outpost.client.CertificateChangedException;
import outpost.client.SessionStatus;
import outpost.console.ui.ConsolePreferences;
import outpost.console.ui.ServerEditorInput;
import outpost.servers.Server;

/**
 * The console of one server: a header with the connection status and the session actions, the
 * transcript with the live CPU, RAM, network and disk charts beside it ({@link ConsoleCharts}), quick commands and an input line that is enabled only while
 * connected. The connection itself (session, trust, reconnects) is a {@link ConsoleConnection}
 * that reports here on the UI thread; commands run through a {@link CommandRunner}. Ctrl+C copies the
 * selection or cancels ({@link CopyOrCancelHandler}); completion and the quick buttons follow the
 * agent's {@code help}.
 */
public final class ConsoleEditor extends NothingToSaveEditor implements ConnectionListener {

    /** Key under which widgets carry a stable id, for tests and accessibility tools. */
    public static final String WIDGET_ID = "outpost.widget";

    /** The longest status word, whose width the status label keeps so that no status is cut. */
    private static final String LONGEST_STATUS = "agent restarting";

    private Server server;
    private Display display;
    private UiThread uiThread;
    /** Null when the client service is missing. */
    private ConsoleConnection connection;
    private ConnectionQuestions questions;
    private Label statusLabel;
    private HeaderLayout headerLayout;
    private int statusWidth;
    private Button connectButton;
    private Button resetButton;
    private Button killButton;
    private TranscriptView transcript;
    private TranscriptSaver saver;
    private CommandRunner runner;
    private CommandInput input;
    private SashForm split;
    private ConsoleCharts charts;
    private ConsoleChartModels chartModels;
    private final BackgroundWork background = new JobBackgroundWork();
    private QuickButtons quickButtons;
    private final IPreferenceChangeListener wrapFollower = this::preferenceChanged;
    private MetricFeed feed;

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
        // the transcript and the charts side by side; the sash moves, and the Charts button folds them away
        split = new SashForm(parent, SWT.HORIZONTAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);
        StyledText output = new StyledText(split, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        output.setData(WIDGET_ID, "console.output");
        output.setFont(JFaceResources.getTextFont());
        chartModels = new ConsoleChartModels(MetricFeed.LIVE_STEP);
        charts = new ConsoleCharts(split, chartModels);
        charts.control().setData(WIDGET_ID, "console.chart");
        split.setWeights(3, 2);
        transcript = new TranscriptView(output, preferences.scrollbackLines());
        transcript.setWrap(preferences.wrapLines());
        InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE).addPreferenceChangeListener(wrapFollower);
        saver = new TranscriptSaver(server, transcript, uiThread);

        quickButtons = new QuickButtons(parent, this::run, transcript::clear);
        runner = new CommandRunner(transcript, display, uiThread, () -> input.runningChanged());
        input = new CommandInput(parent, this::run, runner);
        getSite().getService(IHandlerService.class).activateHandler(IWorkbenchCommandConstants.EDIT_COPY,
                new CopyOrCancelHandler(List.of(transcript::copyFocusedSelection, input::copyFocusedSelection),
                        input::cancelRunning));
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
                ConsolePreferences::current, uiThread, background), this);
        connection.connect();
    }

    private void createHeader(Composite parent) {
        Composite header = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        Composite title = new Composite(header, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(title);
        // host:port first and whole; when the header is narrow the name after it gives way (shortened
        // with an ellipsis), the status keeps its width and the buttons move under the title
        Label endpoint = new Label(title, SWT.NONE);
        endpoint.setData(WIDGET_ID, "console.endpoint");
        endpoint.setText(server.viaBroker() ? server.host() + " via broker" : server.endpoint());
        endpoint.setFont(JFaceResources.getBannerFont());
        GridDataFactory.swtDefaults().applyTo(endpoint);
        CLabel name = new CLabel(title, SWT.NONE);
        name.setData(WIDGET_ID, "console.name");
        // a server without a name is called host:port, which the endpoint label already shows
        name.setText(server.hasName() ? "\u2014  " + server.name() : "");
        name.setToolTipText(server.name() + " \u2014 " + server.endpoint());
        name.setFont(JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).minSize(0, SWT.DEFAULT).applyTo(name);
        statusLabel = new Label(title, SWT.NONE);
        statusLabel.setData(WIDGET_ID, "console.status");
        statusLabel.setText(LONGEST_STATUS);
        statusWidth = statusLabel.computeSize(SWT.DEFAULT, SWT.DEFAULT).x + 8;
        GridDataFactory.swtDefaults().hint(statusWidth, SWT.DEFAULT).applyTo(statusLabel);
        Composite buttons = new Composite(header, SWT.NONE);
        connectButton = button(buttons, "Connect", "console.connect", event -> connection.toggle());
        resetButton = button(buttons, "Reset", "console.reset", event -> run("reset"));
        resetButton.setToolTipText("Restart the agent: every client is disconnected and this console reconnects (admin role)");
        killButton = button(buttons, "Kill", "console.kill", event -> confirmAndKill());
        killButton.setToolTipText("Stop the agent for good (admin role)");
        Button save = button(buttons, "Save\u2026", "console.save", event -> saver.askAndSave(getSite().getShell()));
        save.setToolTipText("Save the transcript to a file");
        Button chartsToggle = new Button(buttons, SWT.TOGGLE);
        chartsToggle.setText("Charts");
        chartsToggle.setData(WIDGET_ID, "console.chartsToggle");
        chartsToggle.setSelection(true);
        chartsToggle.setToolTipText("Show or hide the CPU, RAM, network and disk charts beside the transcript");
        chartsToggle.addListener(SWT.Selection,
                event -> split.setMaximizedControl(chartsToggle.getSelection() ? null : split.getChildren()[0]));
        headerLayout = HeaderLayout.apply(header, title, buttons);
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
        // a status word longer than the reserved width widens the label rather than being cut
        ((GridData) statusLabel.getLayoutData()).widthHint = Math.max(statusWidth,
                statusLabel.computeSize(SWT.DEFAULT, SWT.DEFAULT).x);
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
        quickButtons.setCanSend(state.canSend());
        if (state.canSend()) {
            input.setFocus();
        }
        headerLayout.contentChanged();
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
        feed = new MetricFeed(session, chartModels, background, text -> uiThread.execute(() -> transcript.appendInfo(text)),
                System::currentTimeMillis);
        feed.start();
    }

    @Override
    public void sessionEnded() {
        if (feed != null) {
            feed.stop(); // the last value is not drawn on after the agent went away
            feed = null;
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

    /**
     * The agent's own list of what this token may run, for completion on Ctrl+Space and the quick
     * buttons: nothing is offered that the agent would refuse.
     */
    private void loadCompletions(AgentSession from) {
        from.send("help").whenComplete((reply, error) -> {
            if (error == null && reply.isOk()) {
                List<String> names = HelpCommands.parse(reply.stdout());
                uiThread.execute(() -> {
                    input.setCompletions(names);
                    quickButtons.setOffered(names);
                });
            }
        });
    }

    /** Wrapping follows the preference at once, in every open console. */
    private void preferenceChanged(PreferenceChangeEvent event) {
        if (ConsolePreferences.WRAP_LINES.equals(event.getKey())) {
            uiThread.execute(() -> transcript.setWrap(ConsolePreferences.current().wrapLines()));
        }
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
        InstanceScope.INSTANCE.getNode(ConsolePreferences.NODE).removePreferenceChangeListener(wrapFollower);
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
}
