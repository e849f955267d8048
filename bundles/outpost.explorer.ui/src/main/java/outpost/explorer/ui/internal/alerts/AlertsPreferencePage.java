package outpost.explorer.ui.internal.alerts;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

import outpost.alerts.Thresholds;

/** Window > Preferences > Outpost > Alerts: the default thresholds; groups and servers override them. */
public final class AlertsPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public AlertsPreferencePage() {
        super(GRID);
        setDescription("When a watched server raises an alert. A group or a server can set its own values: "
                + "right-click it in the Server Explorer, Alert Thresholds.");
    }

    @Override
    public void init(IWorkbench workbench) {
        IPreferenceStore store = getPreferenceStore();
        Thresholds d = Thresholds.DEFAULTS;
        store.setDefault(AlertPreferences.CPU_PERCENT, (int) d.cpuPercent());
        store.setDefault(AlertPreferences.CPU_MINUTES, (int) d.cpuFor().toMinutes());
        store.setDefault(AlertPreferences.RAM_PERCENT, (int) d.ramPercent());
        store.setDefault(AlertPreferences.DISK_PERCENT, (int) d.diskPercent());
        store.setDefault(AlertPreferences.UNREACHABLE_SECONDS, (int) d.unreachableFor().toSeconds());
        store.setDefault(AlertPreferences.NOTIFY, true);
    }

    @Override
    protected IPreferenceStore doGetPreferenceStore() {
        return new ScopedPreferenceStore(InstanceScope.INSTANCE, AlertPreferences.NODE);
    }

    @Override
    protected void createFieldEditors() {
        integer(AlertPreferences.CPU_PERCENT, "&CPU above (%)", 1, 100);
        integer(AlertPreferences.CPU_MINUTES, "... for at least (&minutes)", 0, 1440);
        integer(AlertPreferences.RAM_PERCENT, "&RAM above (%)", 1, 100);
        integer(AlertPreferences.DISK_PERCENT, "A &file system above (%)", 1, 100);
        integer(AlertPreferences.UNREACHABLE_SECONDS, "Agent &unreachable for more than (seconds)", 0, 86_400);
        addField(new BooleanFieldEditor(AlertPreferences.NOTIFY, "Show a desktop &notification when an alert is raised",
                getFieldEditorParent()));
    }

    private void integer(String key, String label, int min, int max) {
        IntegerFieldEditor editor = new IntegerFieldEditor(key, label, getFieldEditorParent(), Integer.toString(max).length());
        editor.setValidRange(min, max);
        editor.setErrorMessage(label.replace("&", "") + " must be a whole number from " + min + " to " + max + ".");
        addField(editor);
    }
}
