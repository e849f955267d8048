package outpost.explorer.ui.internal.alerts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import outpost.alerts.Alert;
import outpost.alerts.AlertChange;
import outpost.alerts.AlertJournal;
import outpost.alerts.AlertTracker;
import outpost.alerts.ThresholdPolicy;
import outpost.explorer.ui.internal.live.LiveState;
import outpost.servers.Server;

/**
 * The console's alerts: fed with the Server Explorer's live states, kept in the workspace
 * (alerts.json in this bundle's state folder) so they survive a restart, and told to listeners
 * (the Alerts view, the explorer's rows, desktop notifications). One per running console.
 */
@Component(service = AlertCenter.class)
public final class AlertCenter {

    private static final ILog LOG = ILog.of(AlertCenter.class);
    /** Ended alerts kept in the view and the file; the oldest go first. */
    private static final int KEEP_ENDED = 500;

    private final AlertJournal journal;
    private final AlertTracker tracker;
    /**
     * The servers with an open alert, as of the last change: read for every cell the explorer and the
     * dashboard paint, so it is a snapshot, never the tracker's lock, which the monitor's thread holds
     * while it observes.
     */
    private volatile Set<String> inAlert = Set.of();
    private final String loadProblem;
    private final ExecutorService saver;
    private final AtomicBoolean savePending = new AtomicBoolean();
    private final List<Consumer<List<AlertChange>>> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public AlertCenter(BundleContext context) {
        this(stateFile(context));
    }

    /** @param file where alerts are kept, null to keep them for this run only */
    AlertCenter(Path file) {
        journal = file == null ? null : new AlertJournal(file);
        AlertJournal.Loaded loaded = journal == null ? new AlertJournal.Loaded(List.of(), null) : journal.load();
        loadProblem = loaded.problem();
        if (loadProblem != null) {
            LOG.warn(loadProblem);
        }
        tracker = new AlertTracker(loaded.alerts(), KEEP_ENDED);
        inAlert = Set.copyOf(tracker.serversInAlert());
        saver = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outpost-alerts-journal");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Path stateFile(BundleContext context) {
        try {
            return Platform.getStateLocation(context.getBundle()).append("alerts.json").toPath();
        } catch (IllegalStateException e) {
            LOG.warn("No workspace: alerts are kept for this run only (" + e.getMessage() + ")");
            return null;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        saver.shutdown();
        saver.awaitTermination(5, TimeUnit.SECONDS);
        save();
    }

    /** Takes the newest states of the watched servers (any thread); servers not among them are no longer watched. */
    public void observe(Map<Server, LiveState> states, ThresholdPolicy policy) {
        Instant now = Instant.now();
        List<AlertChange> changes = new ArrayList<>();
        states.forEach((server, state) -> LiveReadings.of(state, now)
                .ifPresent(reading -> changes.addAll(tracker.observe(server, policy.forServer(server), reading))));
        changes.addAll(tracker.retainServers(states.keySet(), now));
        if (changes.isEmpty()) {
            return;
        }
        inAlert = Set.copyOf(tracker.serversInAlert());
        saveSoon();
        for (Consumer<List<AlertChange>> listener : listeners) {
            listener.accept(changes);
        }
    }

    /** Open alerts first, longest-running first; then ended ones, newest first. */
    public List<Alert> alerts() {
        return tracker.all();
    }

    /** The servers (endpoints, "host:port") with an open alert. */
    public Set<String> serversInAlert() {
        return inAlert;
    }

    /** Why the alerts of the last run could not be read, or null. */
    public String loadProblem() {
        return loadProblem;
    }

    /** Called on the observing thread with what was raised or ended; must be quick. */
    public void addListener(Consumer<List<AlertChange>> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<List<AlertChange>> listener) {
        listeners.remove(listener);
    }

    private void saveSoon() {
        if (journal == null || !savePending.compareAndSet(false, true)) {
            return;
        }
        try {
            saver.execute(() -> {
                savePending.set(false);
                save();
            });
        } catch (RejectedExecutionException e) {
            savePending.set(false); // deactivated: its last save covers this
        }
    }

    private void save() {
        if (journal == null) {
            return;
        }
        try {
            journal.save(tracker.all());
        } catch (IOException e) {
            LOG.error("Could not keep the alerts in " + journal.file(), e);
        }
    }
}
