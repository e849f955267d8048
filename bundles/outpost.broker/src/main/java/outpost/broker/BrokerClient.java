package outpost.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.paho.mqttv5.common.MqttException;

import outpost.broker.internal.BridgedSession;
import outpost.broker.internal.MqttLink;
import outpost.broker.internal.SessionTable;
import outpost.broker.internal.StateJson;
import outpost.metrics.MetricJson;
import outpost.metrics.MetricSample;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;

/**
 * A console's (or outpost-cli's) one MQTT connection to a broker: a directory of the fleet (every
 * agent's last announced {@link AgentState}, kept current by the retained states and the agents'
 * wills, never by polling) and sessions to agents by id, each the same TLS, pinning and token as a
 * direct connection, carried over the broker. Reconnects by itself when the broker is lost (the
 * sessions over the lost link end, as a dropped socket ends a direct one). Thread-safe.
 */
public final class BrokerClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BrokerClient.class.getName());

    private final Transport transport;
    private final String clientId;
    private final Map<String, AgentState> fleet = new ConcurrentHashMap<>();
    private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();
    private final SessionTable sessions = new SessionTable();
    private final MqttLink link;

    private BrokerClient(Transport transport, BrokerSettings settings) throws IOException {
        this.transport = transport;
        this.clientId = settings.clientId();
        this.link = MqttLink.open(settings, Optional.empty(), new Events());
    }

    /**
     * Connects to the broker and waits for the first connection (at most {@code timeout}); the
     * retained states arrive right after, through the listeners.
     *
     * @throws IOException when the broker cannot be reached or refuses the account, saying why
     */
    public static BrokerClient connect(Transport transport, BrokerSettings settings, Duration timeout) throws IOException {
        BrokerClient client = new BrokerClient(transport, settings);
        client.link.start();
        try {
            client.link.awaitConnected(timeout);
            return client;
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Opens a session to the agent {@code agentId} through the broker: TLS with {@code settings}'
     * certificate check (pin the fingerprint, as direct mode does), then frames as over a socket;
     * {@code settings}' host names the agent in messages, its port is not used. Blocks until the
     * handshake is done: never call it on a UI or event-loop thread.
     *
     * @throws IOException when the broker link is down, the agent never announced itself on the broker
     *                     (it is not tried), the agent is known to be offline, or the
     *                     session fails as a direct connect would (no answer within the connect timeout,
     *                     a certificate that is not the pinned one)
     */
    public Connection open(String agentId, ConnectSettings settings, MessageHandler handler) throws IOException {
        Topics.requireId("agent id", agentId);
        if (!link.isConnected()) {
            throw new IOException("not connected to the broker " + link.url());
        }
        AgentState known = fleet.get(agentId);
        if (known == null) {
            throw new IOException("agent " + agentId + " is not known to the broker " + link.url()
                    + ": it never announced itself there");
        }
        if (!known.online()) {
            throw new IOException("agent " + agentId + " is offline (broker " + link.url() + ", since " + known.time() + ")");
        }
        String sessionId = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String key = agentId + "/" + sessionId;
        return transport.connectTunnel(settings, tunnel -> {
            BridgedSession session = new BridgedSession(link, Topics.in(agentId, clientId, sessionId),
                    ended -> sessions.remove(key, ended));
            session.attach(tunnel);
            sessions.put(key, session);
            return session;
        }, handler);
    }

    /** Every agent announced on the broker so far, online or not, by id. */
    public Map<String, AgentState> agents() {
        return Map.copyOf(fleet);
    }

    public Optional<AgentState> agent(String agentId) {
        return Optional.ofNullable(fleet.get(agentId));
    }

    public void addFleetListener(FleetListener listener) {
        listeners.add(listener);
    }

    public void removeFleetListener(FleetListener listener) {
        listeners.remove(listener);
    }

    public boolean isConnected() {
        return link.isConnected();
    }

    /** Ends every session and the MQTT connection. */
    @Override
    public void close() {
        sessions.endAll();
        link.close(Optional.empty());
    }

    private final class Events implements MqttLink.Events {

        @Override
        public void connected(MqttLink connected) throws MqttException {
            connected.subscribe(List.of(Topics.ROOT + "+/state", Topics.ROOT + "+/metrics",
                    Topics.ROOT + "+/out/" + clientId + "/#"));
        }

        @Override
        public void lost() {
            sessions.closeAll();
        }

        @Override
        public void message(String topic, byte[] payload, boolean retained) {
            Optional<Topics.SessionTopic> session = Topics.session(topic);
            if (session.isPresent()) {
                Topics.SessionTopic at = session.get();
                if (at.direction().equals("out") && at.consoleId().equals(clientId)) {
                    sessions.deliver(at.agentId() + "/" + at.sessionId(), payload);
                }
                return;
            }
            Topics.stateOf(topic).ifPresent(agentId -> stateArrived(agentId, payload));
            Topics.metricsOf(topic).ifPresent(agentId -> sampleArrived(agentId, payload));
        }
    }

    private void stateArrived(String agentId, byte[] payload) {
        if (payload.length == 0) {
            if (fleet.remove(agentId) != null) {
                listeners.forEach(listener -> tell(() -> listener.removed(agentId)));
            }
            return;
        }
        Optional<AgentState> state = StateJson.decode(agentId, payload);
        if (state.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "ignored an unreadable state of agent " + agentId);
            return;
        }
        fleet.put(agentId, state.get());
        if (!state.get().online()) {
            // its will (or its orderly stop): the agent's end of every session over its link is gone,
            // so they end now rather than when a keepalive runs out
            sessions.closeAllStartingWith(agentId + "/");
        }
        listeners.forEach(listener -> tell(() -> listener.changed(state.get())));
    }

    private void sampleArrived(String agentId, byte[] payload) {
        MetricSample sample;
        try {
            sample = MetricJson.sample(new String(payload, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ignored an unreadable metric sample of agent " + agentId);
            return;
        }
        listeners.forEach(listener -> tell(() -> listener.sampled(agentId, sample)));
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a fleet listener failed", e);
        }
    }
}
