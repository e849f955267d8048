package outpost.console.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/**
 * The row of one-click commands under the transcript, and Clear. A button works only while the
 * console can send, and is shown only if the agent's {@code help} lists its command for this token:
 * a button the agent would refuse is hidden rather than disabled, since GTK shows no tooltip on a
 * disabled button to say why. UI thread only.
 */
final class QuickButtons {

    private static final String[][] COMMANDS = { { "OS", "os" }, { "Name", "name" }, { "IP", "ip" }, { "CPU", "cpu" },
            { "RAM", "ram" }, { "Disk", "disk" }, { "Help", "help" } };

    private final Composite row;
    private final Map<String, Button> buttons = new LinkedHashMap<>();
    private boolean canSend;
    /** The command names of the agent's help, or null until it answers (then every button is offered). */
    private List<String> offered;

    QuickButtons(Composite parent, Consumer<String> send, Runnable clear) {
        row = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        // wraps onto a second line in a narrow console rather than cutting buttons off
        RowLayout flow = new RowLayout(SWT.HORIZONTAL);
        flow.wrap = true;
        flow.marginLeft = flow.marginRight = flow.marginTop = flow.marginBottom = 0;
        row.setLayout(flow);
        for (String[] command : COMMANDS) {
            Button button = ConsoleEditor.button(row, command[0], "console.quick." + command[1], event -> send.accept(command[1]));
            button.setLayoutData(new RowData());
            buttons.put(command[1], button);
        }
        ConsoleEditor.button(row, "Clear", "console.clear", event -> clear.run());
        update();
    }

    void setCanSend(boolean canSend) {
        this.canSend = canSend;
        update();
    }

    /** The command names the agent's help lists for this token. */
    void setOffered(List<String> names) {
        this.offered = List.copyOf(names);
        update();
    }

    private void update() {
        buttons.forEach((command, button) -> {
            boolean runs = offered == null || offered.contains(command);
            button.setEnabled(canSend);
            button.setToolTipText("Send '" + command + "'");
            ((RowData) button.getLayoutData()).exclude = !runs;
            button.setVisible(runs);
        });
        row.layout();
    }
}
