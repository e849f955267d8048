package outpost.testing.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import outpost.client.AgentConnections;
import outpost.client.Reachability;
import outpost.client.SessionSettings;
import outpost.client.internal.SharedAgentConnections;

/**
 * The client's own connection registry over the sessions of a {@link FakeAgent} (one session per
 * address, shared by its leases, closed with the last of them), with probes in memory: they find the
 * agent ({@link FakeAgent#FINGERPRINT}) except at hosts under {@code .invalid}, which do not resolve,
 * or when the test scripted otherwise. Thread-safe.
 */
public final class FakeAgentConnections implements AgentConnections {

    private final SharedAgentConnections registry;
    private final List<String> probes = new CopyOnWriteArrayList<>();
    private final Deque<String> unreachable = new ArrayDeque<>();

    public FakeAgentConnections(FakeAgent agent) {
        registry = new SharedAgentConnections(agent, this::reach);
    }

    /** The next probes find nobody, for these reasons, in order. */
    public void unreachableNext(String... reasons) {
        synchronized (unreachable) {
            unreachable.addAll(List.of(reasons));
        }
    }

    /** The addresses probed ({@code host:port}), in order. */
    public List<String> probes() {
        return List.copyOf(probes);
    }

    /** The number of leases on the current session of an address. */
    public int users(String host, int port) {
        return registry.users(host, port);
    }

    @Override
    public void addListener(Listener listener) {
        registry.addListener(listener);
    }

    @Override
    public Reachability probe(String host, int port, boolean tls, Duration timeout) {
        return registry.probe(host, port, tls, timeout);
    }

    @Override
    public Lease acquire(SessionSettings settings) {
        return registry.acquire(settings);
    }

    @Override
    public Optional<Lease> shareConnected(String host, int port) {
        return registry.shareConnected(host, port);
    }

    @Override
    public void removeListener(Listener listener) {
        registry.removeListener(listener);
    }

    private Reachability reach(String host, int port, boolean tls, Duration timeout) {
        probes.add(host + ":" + port);
        String reason;
        synchronized (unreachable) {
            reason = unreachable.poll();
        }
        if (reason == null && host.endsWith(".invalid")) {
            reason = "Unknown host '" + host + "': the name does not resolve to an address.";
        }
        return reason == null ? Reachability.reachable(FakeAgent.FINGERPRINT) : Reachability.unreachable(reason);
    }
}
