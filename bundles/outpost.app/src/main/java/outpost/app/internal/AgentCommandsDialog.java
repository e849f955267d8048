package outpost.app.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import outpost.console.ui.UiThread;
import outpost.servers.Server;

/**
 * Help > Agent Commands: the commands and shell prefixes an agent answers, with their one-line help.
 * Shows the bundled documentation first, then the live answer of an open console's agent if one
 * answers. Modeless, so it can stay open beside the consoles.
 */
final class AgentCommandsDialog extends Dialog {

    static final String TITLE = "Agent Commands";

    private final List<Server> openConsoles;
    private final Optional<LiveAgentHelp> live;
    private Label source;
    private UiThread uiThread;
    private Text commands;
    private Job job;

    /**
     * @param openConsoles servers whose consoles are open, most relevant first
     * @param live         how to ask their agents; empty when the services are missing
     */
    AgentCommandsDialog(Shell parent, List<Server> openConsoles, Optional<LiveAgentHelp> live) {
        super(parent);
        this.openConsoles = List.copyOf(openConsoles);
        this.live = live;
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Point getInitialSize() {
        return new Point(860, 660);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        source = new Label(area, SWT.WRAP);
        uiThread = new UiThread(source);
        source.setData(OutpostPreferencePage.WIDGET_ID, "agentCommands.source");
        source.setText("Reading the list of commands...");
        GridDataFactory.fillDefaults().grab(true, false).hint(760, SWT.DEFAULT).applyTo(source);
        commands = new Text(area, SWT.MULTI | SWT.READ_ONLY | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        commands.setData(OutpostPreferencePage.WIDGET_ID, "agentCommands.text");
        commands.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(commands);
        Label usage = new Label(area, SWT.WRAP);
        usage.setText("Type a command in a server's console, e.g. cpu or procs mem 5. Shell prefixes run a command"
                + " line, e.g. sh: df -h, only for tokens with the execute role and only lines the agent's"
                + " configuration allows.");
        GridDataFactory.fillDefaults().grab(true, false).hint(760, SWT.DEFAULT).applyTo(usage);
        startListing();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        } else {
            super.buttonPressed(buttonId);
        }
    }

    @Override
    public boolean close() {
        if (job != null) {
            job.cancel();
        }
        return super.close();
    }

    private void startListing() {
        job = Job.create("Listing agent commands", this::list);
        job.schedule();
    }

    /** In the job: the documentation at once, then the live answer if an open console's agent gives one. */
    private void list(IProgressMonitor monitor) {
        monitor.beginTask("Listing agent commands", 1 + openConsoles.size());
        try {
            show(DocumentedAgentHelp.load());
        } catch (java.io.IOException e) {
            ILog.of(AgentCommandsDialog.class).error("Cannot read the agent's command list", e);
            showSource("The console's list of agent commands cannot be read: " + e.getMessage());
        }
        monitor.worked(1);
        if (openConsoles.isEmpty() || live.isEmpty()) {
            monitor.done();
            return;
        }
        List<String> failures = new ArrayList<>();
        Optional<AgentHelp> answer = live.get().ask(openConsoles, monitor, failures);
        if (answer.isPresent()) {
            show(answer.get());
        } else if (!failures.isEmpty()) {
            showSuffix(" No open console's agent answered (" + String.join("; ", failures) + ").");
        }
        monitor.done();
    }

    private void show(AgentHelp help) {
        onUiThread(() -> {
            source.setText(help.source());
            commands.setText(help.text());
            fitToCommands();
            source.getParent().layout(true);
        });
    }

    /**
     * Widens the dialog until the longest command line shows whole, as far as the screen allows: the
     * list is columns, which neither wrap nor read well scrolled sideways.
     */
    private void fitToCommands() {
        Shell shell = getShell();
        int missing = commands.computeSize(SWT.DEFAULT, SWT.DEFAULT).x - commands.getSize().x;
        if (missing <= 0) {
            return;
        }
        Rectangle screen = shell.getMonitor().getClientArea();
        Rectangle bounds = shell.getBounds();
        int width = Math.min(screen.width, bounds.width + missing);
        int x = Math.max(screen.x, Math.min(bounds.x, screen.x + screen.width - width));
        shell.setBounds(x, bounds.y, width, bounds.height);
    }

    private void showSource(String text) {
        onUiThread(() -> source.setText(text));
    }

    private void showSuffix(String text) {
        onUiThread(() -> {
            source.setText(source.getText() + text);
            source.getParent().layout(true);
        });
    }

    private void onUiThread(Runnable update) {
        uiThread.execute(update);
    }
}
