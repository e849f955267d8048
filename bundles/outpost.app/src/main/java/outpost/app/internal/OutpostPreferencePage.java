package outpost.app.internal;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

import outpost.console.ui.ConsolePreferences;
import outpost.transport.TlsEngine;

/**
 * Window > Preferences > Outpost: edits the keys of {@link ConsolePreferences} in the instance scope.
 * Restore Defaults takes the default scope that outpost.console.ui initializes.
 */
public final class OutpostPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "outpost.app.preferences";
    /** Key of the widget data naming each field's text control, for tests and screenshots. */
    static final String WIDGET_ID = "outpost.widget";

    public OutpostPreferencePage() {
        super(GRID);
        setDescription("Settings of the server consoles and the Server Explorer.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // the store is created in doGetPreferenceStore
    }

    @Override
    protected IPreferenceStore doGetPreferenceStore() {
        return new ScopedPreferenceStore(InstanceScope.INSTANCE, ConsolePreferences.NODE);
    }

    @Override
    protected void createFieldEditors() {
        for (PreferenceRange range : PreferenceRange.values()) {
            IntegerFieldEditor editor = new IntegerFieldEditor(range.key(), range.label(), getFieldEditorParent(),
                    Integer.toString(range.max()).length());
            editor.setValidRange(range.min(), range.max());
            editor.setErrorMessage(range.label().replace("&", "") + " must be a whole number from " + range.min()
                    + " to " + range.max() + ".");
            editor.getTextControl(getFieldEditorParent()).setData(WIDGET_ID, "preferences." + range.key());
            addField(editor);
            if (range == PreferenceRange.KEEPALIVE) {
                BooleanFieldEditor autoReconnect = new BooleanFieldEditor(ConsolePreferences.AUTO_RECONNECT,
                        "&Reconnect by itself when a connection is lost", getFieldEditorParent());
                autoReconnect.getDescriptionControl(getFieldEditorParent())
                        .setData(WIDGET_ID, "preferences." + ConsolePreferences.AUTO_RECONNECT);
                addField(autoReconnect);
            }
        }
        BooleanFieldEditor wrap = new BooleanFieldEditor(ConsolePreferences.WRAP_LINES,
                "Wrap &long lines in the consoles (off: they scroll sideways)", getFieldEditorParent());
        wrap.getDescriptionControl(getFieldEditorParent()).setData(WIDGET_ID, "preferences." + ConsolePreferences.WRAP_LINES);
        addField(wrap);
        ComboFieldEditor tlsEngine = new ComboFieldEditor(ConsolePreferences.TLS_ENGINE, "&TLS engine:", new String[][] {
                { "Automatic: BoringSSL when it loads, else the JDK's", TlsEngine.AUTO.key() },
                { "BoringSSL (native) only", TlsEngine.OPENSSL.key() },
                { "The JDK's (JSSE)", TlsEngine.JDK.key() } }, getFieldEditorParent());
        addField(tlsEngine);
    }
}
