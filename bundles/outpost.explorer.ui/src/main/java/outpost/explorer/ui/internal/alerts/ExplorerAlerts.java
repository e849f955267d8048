package outpost.explorer.ui.internal.alerts;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.prefs.BackingStoreException;

import outpost.alerts.AlertChange;
import outpost.alerts.ThresholdOverride;
import outpost.alerts.ThresholdPolicy;
import outpost.console.ui.UiThread;
import outpost.explorer.ui.internal.live.LiveState;
import outpost.servers.Server;

/**
 * What the Server Explorer does about alerts: hands its live states to the {@link AlertCenter},
 * colours the rows of servers in alert, notifies on the desktop, and edits thresholds of a server
 * or a group. Without an alert center (not running) it does nothing.
 */
public final class ExplorerAlerts implements AutoCloseable {

    private static final ILog LOG = ILog.of(ExplorerAlerts.class);

    private final AlertCenter center;
    private final Consumer<List<AlertChange>> listener;

    /** @param changed runs (on the observing thread) after alerts were raised or ended, e.g. to repaint rows */
    public ExplorerAlerts(AlertCenter center, UiThread uiThread, Shell shell, Runnable changed) {
        this.center = center;
        AlertNotifier notifier = new AlertNotifier(shell.getDisplay(), uiThread);
        this.listener = changes -> {
            notifier.accept(changes);
            changed.run();
        };
        if (center != null) {
            center.addListener(listener);
        }
    }

    /** The states of every watched server, on the monitor's thread. */
    public void observe(Map<Server, LiveState> states) {
        if (center != null) {
            center.observe(states, AlertPreferences.policy());
        }
    }

    public boolean inAlert(Server server) {
        return center != null && center.serversInAlert().contains(server.endpoint());
    }

    /** Asks for a group's own thresholds and keeps them. */
    public void editGroup(Shell shell, String group) {
        ThresholdPolicy policy = AlertPreferences.policy();
        ThresholdDialog dialog = new ThresholdDialog(shell, "group '" + group + "'", policy.defaults(),
                policy.byGroup().getOrDefault(group, ThresholdOverride.NONE));
        if (dialog.open() == Window.OK) {
            keep(() -> AlertPreferences.setGroupOverride(group, dialog.result()));
        }
    }

    /** Asks for a server's own thresholds (over its group's) and keeps them. */
    public void editServer(Shell shell, Server server) {
        ThresholdPolicy policy = AlertPreferences.policy();
        ThresholdDialog dialog = new ThresholdDialog(shell, "server '" + server.name() + "'",
                policy.byGroup().getOrDefault(server.group(), ThresholdOverride.NONE).applyTo(policy.defaults()),
                policy.byServer().getOrDefault(server.endpoint(), ThresholdOverride.NONE));
        if (dialog.open() == Window.OK) {
            keep(() -> AlertPreferences.setServerOverride(server.endpoint(), dialog.result()));
        }
    }

    private interface PreferenceWrite {
        void run() throws BackingStoreException;
    }

    private static void keep(PreferenceWrite write) {
        try {
            write.run();
        } catch (BackingStoreException e) {
            LOG.error("Could not save the alert thresholds", e);
        }
    }

    @Override
    public void close() {
        if (center != null) {
            center.removeListener(listener);
        }
    }
}
