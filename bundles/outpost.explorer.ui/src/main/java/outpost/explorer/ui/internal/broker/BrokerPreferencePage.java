package outpost.explorer.ui.internal.broker;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.FileFieldEditor;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/**
 * Window > Preferences > Outpost > Broker: the message broker whose agents the Server Explorer
 * shows (docs/INSTALL.md, "Broker mode"). The link starts over when these are applied.
 */
public final class BrokerPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public BrokerPreferencePage() {
        super(GRID);
        setDescription("Agents that connect out to an MQTT broker show up in the Server Explorer, with their status "
                + "from the broker. Sessions to them are TLS inside the broker's messages, pinned and with a token "
                + "as direct ones. Leave the URL empty for no broker.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // no defaults: without a URL there is no broker
    }

    @Override
    protected IPreferenceStore doGetPreferenceStore() {
        return new ScopedPreferenceStore(InstanceScope.INSTANCE, BrokerPreferences.NODE);
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(BrokerPreferences.URL, "Broker &URL (ssl://host:8883):", getFieldEditorParent()));
        addField(new StringFieldEditor(BrokerPreferences.CLIENT_ID, "&Client id of this console:", getFieldEditorParent()));
        addField(new StringFieldEditor(BrokerPreferences.USER, "&Account:", getFieldEditorParent()));
        addField(file(BrokerPreferences.PASSWORD_FILE, "&Password file:"));
        addField(file(BrokerPreferences.CA_FILE, "Broker's &CA (PEM):"));
        addField(new StringFieldEditor(BrokerPreferences.FINGERPRINT, "... or its &fingerprint (SHA256:...):",
                getFieldEditorParent()));
    }

    private FileFieldEditor file(String key, String label) {
        FileFieldEditor editor = new FileFieldEditor(key, label, true, getFieldEditorParent());
        editor.setEmptyStringAllowed(true);
        return editor;
    }

    @Override
    public boolean performOk() {
        boolean done = super.performOk();
        try {
            BrokerPreferences.current().settings();
            setErrorMessage(null);
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage()); // kept as typed; the Server Explorer says the same
        }
        return done;
    }
}
