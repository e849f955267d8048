package outpost.client.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import outpost.client.AgentConnections;
import outpost.client.AgentRoute;
import outpost.client.AgentRouter;
import outpost.client.AgentSession;
import outpost.client.Reachability;
import outpost.client.SessionFactory;
import outpost.client.SessionListener;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.transport.Transport;

/**
 * One session per agent address, counted by leases: a new lease shares the session that is
 * connected or connecting, else starts a new one (a disconnected session stays with the leases that
 * still hold it, and is closed with the last of them). Sessions and probes to an address an
 * {@link AgentRouter} claims take its route; port 0 is never dialled.
 */
@Component(service = AgentConnections.class)
public final class SharedAgentConnections implements AgentConnections {

    /** How a probe is made; the transport's in the product, a script in tests. */
    @FunctionalInterface
    public interface Prober {
        Reachability probe(String host, int port, boolean tls, Duration timeout);
    }

    private final SessionFactory sessions;
    private final Prober prober;
    /** The newest shared session of each address; guarded by itself. */
    private final Map<String, Shared> byEndpoint = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<AgentRouter> routers = new CopyOnWriteArrayList<>();

    @Activate
    public SharedAgentConnections(@Reference SessionFactory sessions, @Reference Transport transport) {
        this(sessions, new TransportProbe(transport)::probe);
    }

    public SharedAgentConnections(SessionFactory sessions, Prober prober) {
        this.sessions = sessions;
        this.prober = prober;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addRouter(AgentRouter router) {
        routers.add(router);
    }

    public void removeRouter(AgentRouter router) {
        routers.remove(router);
    }

    @Override
    public Reachability probe(String host, int port, boolean tls, Duration timeout) {
        Optional<AgentRoute> route = routeTo(host, port);
        return route.isPresent() ? TransportProbe.probe(route.get(), host, port, tls, timeout)
                : prober.probe(host, port, tls, timeout);
    }

    /** The first router's route to the address; for port 0 without one, a route that says why it cannot connect. */
    private Optional<AgentRoute> routeTo(String host, int port) {
        for (AgentRouter router : routers) {
            Optional<AgentRoute> route = router.routeTo(host, port);
            if (route.isPresent()) {
                return route;
            }
        }
        return port == 0 ? Optional.of((settings, handler) -> {
            throw new java.io.IOException(host + " is an agent of a message broker, and no broker is configured");
        }) : Optional.empty();
    }

    @Override
    public Lease acquire(SessionSettings settings) {
        String endpoint = AgentConnections.endpoint(settings.host(), settings.port());
        Shared shared;
        synchronized (byEndpoint) {
            shared = byEndpoint.get(endpoint);
            if (shared == null || shared.session.status() == SessionStatus.DISCONNECTED || shared.users == 0) {
                Optional<AgentRoute> route = routeTo(settings.host(), settings.port());
                shared = new Shared(endpoint, route.isPresent() ? sessions.create(settings, route.get()) : sessions.create(settings));
                byEndpoint.put(endpoint, shared);
            }
            shared.users++;
        }
        return new SharedLease(shared);
    }

    @Override
    public Optional<Lease> shareConnected(String host, int port) {
        synchronized (byEndpoint) {
            Shared shared = byEndpoint.get(AgentConnections.endpoint(host, port));
            if (shared == null || shared.users == 0 || shared.session.status() != SessionStatus.CONNECTED) {
                return Optional.empty();
            }
            shared.users++;
            return Optional.of(new SharedLease(shared));
        }
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** The number of leases on the current session of an address (tests, diagnostics). */
    public int users(String host, int port) {
        synchronized (byEndpoint) {
            Shared shared = byEndpoint.get(AgentConnections.endpoint(host, port));
            return shared == null ? 0 : shared.users;
        }
    }

    @Deactivate
    void closeAll() {
        List<Shared> all;
        synchronized (byEndpoint) {
            all = List.copyOf(byEndpoint.values());
            byEndpoint.clear();
        }
        all.forEach(shared -> shared.session.close());
    }

    private void release(Shared shared) {
        boolean last;
        synchronized (byEndpoint) {
            shared.users--;
            last = shared.users == 0;
            if (last) {
                byEndpoint.remove(shared.endpoint, shared);
            }
        }
        if (last) { // outside the lock: closing tells the session's listeners
            shared.session.removeListener(shared);
            shared.session.close();
        }
    }

    /** A session and how many leases hold it; it tells the registry's listeners when it connects. */
    private final class Shared implements SessionListener {
        final String endpoint;
        final AgentSession session;
        int users;

        Shared(String endpoint, AgentSession session) {
            this.endpoint = endpoint;
            this.session = session;
            session.addListener(this);
        }

        @Override
        public void statusChanged(AgentSession changed, SessionStatus status, String reason) {
            if (status == SessionStatus.CONNECTED) {
                listeners.forEach(listener -> listener.connected(endpoint, changed));
            }
        }
    }

    private final class SharedLease implements Lease {
        private final Shared shared;
        private boolean released;

        SharedLease(Shared shared) {
            this.shared = shared;
        }

        @Override
        public AgentSession session() {
            return shared.session;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(shared);
        }
    }
}
