package outpost.console.ui.internal;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

import outpost.console.ui.ConsolePreferences;

/** Puts {@link ConsolePreferences#DEFAULTS} in the default scope, so "Restore Defaults" restores them. */
public final class ConsolePreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        ConsolePreferences defaults = ConsolePreferences.DEFAULTS;
        IEclipsePreferences node = DefaultScope.INSTANCE.getNode(ConsolePreferences.NODE);
        node.putInt(ConsolePreferences.DEFAULT_PORT, defaults.defaultPort());
        node.putInt(ConsolePreferences.CONNECT_TIMEOUT_SECONDS, (int) defaults.connectTimeout().toSeconds());
        node.putInt(ConsolePreferences.KEEPALIVE_SECONDS, (int) defaults.keepalive().toSeconds());
        node.putBoolean(ConsolePreferences.AUTO_RECONNECT, defaults.autoReconnect());
        node.putInt(ConsolePreferences.RECONNECT_MAX_DELAY_SECONDS, (int) defaults.reconnectMaxDelay().toSeconds());
        node.putInt(ConsolePreferences.SCROLLBACK_LINES, defaults.scrollbackLines());
        node.putInt(ConsolePreferences.LIVE_REFRESH_SECONDS, (int) defaults.liveRefresh().toSeconds());
        node.putBoolean(ConsolePreferences.WRAP_LINES, defaults.wrapLines());
        node.put(ConsolePreferences.TLS_ENGINE, defaults.tlsEngine().key());
    }
}
