package outpost.explorer.ui.internal.alerts;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.eclipse.jface.notifications.NotificationPopup;
import org.eclipse.swt.widgets.Display;

import outpost.alerts.AlertChange;
import outpost.console.ui.UiThread;

/** A desktop notification for the alerts just raised (not for those that ended: the Alerts view has them). */
public final class AlertNotifier implements Consumer<List<AlertChange>> {

    /** Title of every alert notification, so that tests and people can tell them from other pop-ups. */
    public static final String TITLE = "Outpost alert";

    private final Display display;
    private final UiThread uiThread;

    public AlertNotifier(Display display, UiThread uiThread) {
        this.display = display;
        this.uiThread = uiThread;
    }

    @Override
    public void accept(List<AlertChange> changes) {
        List<String> raised = changes.stream().filter(AlertChange::raised)
                .map(change -> describe(change)).toList();
        if (raised.isEmpty() || !AlertPreferences.notifications()) {
            return;
        }
        String text = raised.stream().limit(5).collect(Collectors.joining("\n"))
                + (raised.size() > 5 ? "\n... and " + (raised.size() - 5) + " more in the Alerts view" : "");
        uiThread.execute(() -> NotificationPopup.forDisplay(display)
                .title(raised.size() == 1 ? TITLE : TITLE + "s (" + raised.size() + ")", true)
                .text(text).delay(10_000).open());
    }

    static String describe(AlertChange change) {
        var alert = change.alert();
        String what = alert.subject().isEmpty() ? alert.kind().label() : alert.kind().label() + " " + alert.subject();
        return alert.name() + ": " + what + " " + AlertColumn.value(alert.kind(), alert.worst()) + " (threshold "
                + AlertColumn.value(alert.kind(), alert.threshold()) + ")";
    }
}
