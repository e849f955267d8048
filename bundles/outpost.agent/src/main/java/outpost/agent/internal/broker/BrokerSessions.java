package outpost.agent.internal.broker;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import outpost.agent.AgentSettings;
import outpost.agent.BrokerMode;
import outpost.broker.AgentLink;
import outpost.broker.AgentState;
import outpost.protocol.Hello;
import outpost.transport.ConnectionAcceptor;
import outpost.transport.Limits;
import outpost.transport.TlsIdentity;
import outpost.transport.Transport;
import outpost.transport.TunnelListener;
import outpost.transport.TunnelListenerSettings;

/**
 * The agent's broker mode for one start: the link to the broker (state, will, metrics) and the
 * tunnelled sessions it carries, served by the same acceptor, TLS identity and limits as the
 * listener's connections. Closing it closes those sessions and leaves the agent's state offline.
 */
public final class BrokerSessions implements AutoCloseable {

    private final BrokerMode mode;
    private final TunnelListener tunnels;
    private final AgentLink link;

    private BrokerSessions(BrokerMode mode, TunnelListener tunnels, AgentLink link) {
        this.mode = mode;
        this.tunnels = tunnels;
        this.link = link;
    }

    /**
     * Starts the link (it connects in the background, and again after a loss).
     *
     * @param metricsJson a metric sample as JSON, for the metrics topic when the mode asks for it
     * @throws IOException when the broker settings cannot be used (an unreadable CA or password file)
     */
    public static BrokerSessions open(Transport transport, AgentSettings settings, BrokerMode mode,
            Optional<TlsIdentity> identity, Limits limits, ConnectionAcceptor acceptor, Hello hello,
            Supplier<String> metricsJson) throws IOException {
        TunnelListener tunnels = transport.listenTunnels(new TunnelListenerSettings(identity, limits,
                settings.maxConnections(), settings.tlsEngine()), acceptor);
        AgentState birth = new AgentState(mode.link().clientId(), true, hello.hostName(), operatingSystem(),
                hello.agentVersion(), identity.map(TlsIdentity::fingerprint).orElse(""), Instant.now(), mode.group());
        Optional<AgentLink.MetricsPublishing> metrics = mode.metricsPeriod().isZero() ? Optional.empty()
                : Optional.of(new AgentLink.MetricsPublishing(mode.metricsPeriod(), metricsJson));
        try {
            return new BrokerSessions(mode, tunnels, AgentLink.start(mode.link(), birth, tunnels, metrics));
        } catch (IOException | RuntimeException e) {
            tunnels.close();
            throw e;
        }
    }

    private static String operatingSystem() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** For {@code outpost:status}: {@code ssl://host:8883 as web-7, connected, 2 sessions}. */
    public String describe() {
        return mode.link().url() + " as " + mode.link().clientId() + ", "
                + (link.isConnected() ? "connected" : "connecting") + ", " + tunnels.openConnections() + " sessions";
    }

    /** Publishes the offline state and disconnects, then closes what sessions remain. */
    @Override
    public void close() {
        link.close();
        tunnels.close();
    }
}
