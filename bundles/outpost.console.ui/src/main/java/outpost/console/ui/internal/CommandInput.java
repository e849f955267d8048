package outpost.console.ui.internal;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.SimpleContentProposalProvider;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;

/**
 * The input row of a console: the command line with its history (Up, Down) and completion of
 * command names (Ctrl+Space), Send, and Cancel for the running commands (Ctrl+C with nothing
 * selected: {@link CopyOrCancelHandler}). After a cancel the focus is back in the input line, so
 * the next command typed is not lost. UI thread only.
 */
final class CommandInput {

    private final Text input;
    private final Button sendButton;
    private final Button cancelButton;
    private final ContentProposalAdapter completion;
    private final SimpleContentProposalProvider proposals = new SimpleContentProposalProvider(new String[0]);
    private final CommandHistory history = new CommandHistory();
    private final Consumer<String> send;
    private final CommandRunner runner;

    /** @param send takes each line the user sends, stripped, never empty */
    CommandInput(Composite parent, Consumer<String> send, CommandRunner runner) {
        this.send = send;
        this.runner = runner;
        Composite inputRow = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(inputRow);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(inputRow);
        input = new Text(inputRow, SWT.SINGLE | SWT.BORDER);
        input.setData(ConsoleEditor.WIDGET_ID, "console.input");
        input.setMessage("command, e.g. cpu, ram, os, name, help (Ctrl+Space completes)");
        input.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(input);
        // before the completion adapter's listeners, so these see the keys first
        input.addListener(SWT.DefaultSelection, this::enterPressed);
        input.addListener(SWT.KeyDown, this::keyPressed);
        proposals.setFiltering(true);
        completion = new ContentProposalAdapter(input, new TextContentAdapter(), proposals,
                KeyStroke.getInstance(SWT.MOD1, ' '), null);
        completion.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_REPLACE);
        sendButton = ConsoleEditor.button(inputRow, "Send", "console.send", event -> sendLine());
        cancelButton = ConsoleEditor.button(inputRow, "Cancel", "console.cancel", event -> cancelRunning());
        cancelButton.setToolTipText("Stop the running commands (Ctrl+C)");
        cancelButton.setEnabled(false);
    }

    /** Typing and sending only while connected. */
    void setEnabled(boolean enabled) {
        input.setEnabled(enabled);
        sendButton.setEnabled(enabled);
    }

    boolean isEnabled() {
        return input.isEnabled();
    }

    boolean setFocus() {
        return input.setFocus();
    }

    /** Asks the agent to stop the running commands and gives the input line the focus back. */
    void cancelRunning() {
        runner.cancelAll();
        input.setFocus();
    }

    /** Copies the input line's selected text if it has the focus and a selection; says whether it did. */
    boolean copyFocusedSelection() {
        if (!input.isFocusControl() || input.getSelectionCount() == 0) {
            return false;
        }
        input.copy();
        return true;
    }

    /** Cancel follows whether a command is running. */
    void runningChanged() {
        cancelButton.setEnabled(runner.hasRunning());
    }

    /** The command names Ctrl+Space proposes. */
    void setCompletions(List<String> names) {
        proposals.setProposals(names.toArray(String[]::new));
    }

    /** Enter sends, unless it picks a proposal. */
    private void enterPressed(Event event) {
        if (!completion.isProposalPopupOpen()) {
            sendLine();
        }
    }

    private void sendLine() {
        String line = input.getText().strip();
        if (line.isEmpty()) {
            return;
        }
        input.setText("");
        history.add(line);
        send.accept(line);
    }

    /** Up and Down walk the history. */
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
        }
    }
}
