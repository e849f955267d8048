package outpost.explorer.ui.internal.alerts;

import java.util.function.Function;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import outpost.alerts.ThresholdOverride;
import outpost.alerts.Thresholds;

/**
 * A group's or a server's own alert thresholds: a field left empty takes the value shown in it
 * (from the group, or the preferences).
 */
public final class ThresholdDialog extends TitleAreaDialog {

    private final String subject;
    private final Thresholds inherited;
    private final ThresholdOverride current;
    private Text cpu;
    private Text cpuMinutes;
    private Text ram;
    private Text disk;
    private Text unreachable;
    private ThresholdOverride result;

    /**
     * @param subject   "group 'web'" or "server 'web-1'", for the title
     * @param inherited what applies where this override sets nothing
     */
    public ThresholdDialog(Shell parent, String subject, Thresholds inherited, ThresholdOverride current) {
        super(parent);
        this.subject = subject;
        this.inherited = inherited;
        this.current = current;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Alert Thresholds");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Alert thresholds of " + subject);
        setMessage("Leave a field empty to keep the value shown in grey.");
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        cpu = field(form, "CPU above (%)", current.cpuPercent(), (int) inherited.cpuPercent());
        cpuMinutes = field(form, "... for at least (minutes)", current.cpuMinutes(), inherited.cpuFor().toMinutes());
        ram = field(form, "RAM above (%)", current.ramPercent(), (int) inherited.ramPercent());
        disk = field(form, "A file system above (%)", current.diskPercent(), (int) inherited.diskPercent());
        unreachable = field(form, "Unreachable for more than (seconds)", current.unreachableSeconds(),
                inherited.unreachableFor().toSeconds());
        return area;
    }

    private static Text field(Composite form, String label, Number value, long inheritedValue) {
        new Label(form, SWT.NONE).setText(label);
        Text text = new Text(form, SWT.BORDER);
        text.setMessage(Long.toString(inheritedValue));
        if (value != null) {
            text.setText(value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : value.toString());
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(80, SWT.DEFAULT).applyTo(text);
        return text;
    }

    @Override
    protected void okPressed() {
        try {
            ThresholdOverride override = new ThresholdOverride(number(cpu, "CPU", Double::valueOf),
                    number(cpuMinutes, "minutes", Integer::valueOf), number(ram, "RAM", Double::valueOf),
                    number(disk, "file system", Double::valueOf), number(unreachable, "seconds", Integer::valueOf));
            override.applyTo(inherited); // validates the whole
            result = override;
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return;
        }
        super.okPressed();
    }

    private static <N extends Number> N number(Text text, String what, Function<String, N> parse) {
        String value = text.getText().strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            N number = parse.apply(value);
            if (number.doubleValue() < 0) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number (" + what + ")");
        }
    }

    /** The override chosen, or null when cancelled. */
    public ThresholdOverride result() {
        return result;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Save", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }
}
