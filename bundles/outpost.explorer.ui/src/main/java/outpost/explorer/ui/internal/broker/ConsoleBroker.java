package outpost.explorer.ui.internal.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import outpost.broker.AgentState;
import outpost.broker.BrokerClient;
import outpost.broker.BrokerSettings;
import outpost.broker.FleetListener;
import outpost.client.AgentRoute;
import outpost.client.AgentRouter;
import outpost.client.Backoff;
import outpost.metrics.MetricSample;
import outpost.transport.Transport;

/**
 * The console's one link to its message broker (docs/BROKER.md), set in the Broker preferences:
 * the fleet directory for the Server Explorer, and the route of every session to an agent keyed
 * "ID:0" (consoles, live columns, Run on Selected), which {@code AgentConnections} takes through
 * {@link AgentRouter}. Connects in the background, tries again with capped backoff until the broker
 * first answers (then the link reconnects by itself), and starts over when the preferences change.
 */
@Component(service = { AgentRouter.class, BrokerFleet.class })
public final class ConsoleBroker implements AgentRouter, BrokerFleet {

    private static final System.Logger LOG = System.getLogger(ConsoleBroker.class.getName());
    /** Several keys change at once when the preference page applies: one reconnect for all of them. */
    private static final long SETTLE_MILLIS = 300;

    private final Transport transport;
    private final ScheduledExecutorService executor;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, MetricSample> samples = new ConcurrentHashMap<>();
    private final IEclipsePreferences.IPreferenceChangeListener preferencesChanged = event -> {
        if (event.getKey().startsWith("broker.")) {
            restartSoon(SETTLE_MILLIS);
        }
    };
    private final FleetListener fleetListener = new FleetListener() {
        @Override
        public void changed(AgentState state) {
            tellListeners();
        }

        @Override
        public void removed(String agentId) {
            samples.remove(agentId);
            tellListeners();
        }

        @Override
        public void sampled(String agentId, MetricSample sample) {
            samples.put(agentId, sample);
            tellListeners();
        }
    };

    private volatile BrokerClient client;
    private volatile BrokerPreferences preferences = BrokerPreferences.current();
    private volatile String status = "";
    /** The next (re)start; executor thread, and restartSoon under this lock. */
    private ScheduledFuture<?> pending;

    @Activate
    public ConsoleBroker(@Reference Transport transport) {
        this.transport = transport;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outpost-console-broker");
            thread.setDaemon(true);
            return thread;
        });
        InstanceScope.INSTANCE.getNode(BrokerPreferences.NODE).addPreferenceChangeListener(preferencesChanged);
        restartSoon(0);
    }

    @Deactivate
    void close() {
        InstanceScope.INSTANCE.getNode(BrokerPreferences.NODE).removePreferenceChangeListener(preferencesChanged);
        BrokerClient open;
        synchronized (this) {
            executor.shutdownNow();
            open = client;
            client = null;
        }
        if (open != null) {
            open.close();
        }
    }

    private synchronized void restartSoon(long delayMillis) {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!executor.isShutdown()) {
            pending = executor.schedule(this::start, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Executor thread: lets go of the link, then connects with the preferences as they are now. */
    private void start() {
        BrokerClient old = client;
        client = null;
        samples.clear();
        if (old != null) {
            old.removeFleetListener(fleetListener);
            old.close(); // ends the sessions through it, as a lost link would
        }
        preferences = BrokerPreferences.current();
        Optional<BrokerSettings> settings;
        try {
            settings = preferences.settings();
        } catch (IllegalArgumentException e) {
            setStatus("Broker: " + e.getMessage() + " (Window > Preferences > Outpost > Broker)");
            return;
        }
        if (settings.isEmpty()) {
            backoff.reset();
            setStatus("");
            return;
        }
        setStatus("Connecting to the broker " + preferences.url() + " ...");
        try {
            BrokerClient connected = BrokerClient.connect(transport, settings.get(), BrokerPreferences.CONNECT_TIMEOUT);
            connected.addFleetListener(fleetListener);
            synchronized (this) {
                if (executor.isShutdown()) { // deactivated while connecting: nobody else would close it
                    connected.close();
                    return;
                }
                client = connected;
            }
            backoff.reset();
            setStatus("Broker " + preferences.url() + " as " + preferences.clientId());
        } catch (IOException | RuntimeException e) {
            Duration wait = backoff.next();
            LOG.log(System.Logger.Level.WARNING, "cannot reach the broker " + preferences.url() + ": " + e.getMessage());
            setStatus("Cannot reach the broker " + preferences.url() + ": " + e.getMessage() + "; trying again in "
                    + wait.toSeconds() + " s");
            restartSoon(wait.toMillis());
        }
    }

    private void setStatus(String text) {
        status = text;
        tellListeners();
    }

    private void tellListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a broker fleet listener failed", e);
            }
        }
    }

    @Override
    public Optional<AgentRoute> routeTo(String host, int port) {
        if (port != 0) {
            return Optional.empty();
        }
        return Optional.of((settings, handler) -> {
            BrokerClient link = client;
            if (link == null) {
                throw new IOException(preferences.configured() ? "not connected to the broker: " + status
                        : host + " is an agent of a message broker, and no broker is configured (Window > Preferences > Outpost > Broker)");
            }
            return link.open(host, settings, handler); // it refuses an agent that never announced itself
        });
    }

    @Override
    public boolean configured() {
        return preferences.configured();
    }

    @Override
    public String status() {
        BrokerClient link = client;
        if (link != null && !link.isConnected()) {
            return "The link to the broker " + preferences.url() + " is down; reconnecting ...";
        }
        return status;
    }

    @Override
    public Map<String, AgentState> agents() {
        BrokerClient link = client;
        return link == null ? Map.of() : link.agents();
    }

    @Override
    public Optional<MetricSample> sample(String agentId) {
        return Optional.ofNullable(samples.get(agentId));
    }

    @Override
    public void addListener(Runnable changed) {
        listeners.add(changed);
    }

    @Override
    public void removeListener(Runnable changed) {
        listeners.remove(changed);
    }
}
