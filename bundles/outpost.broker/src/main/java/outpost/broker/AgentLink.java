package outpost.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.paho.mqttv5.common.MqttException;

import outpost.broker.internal.BridgedSession;
import outpost.broker.internal.MqttLink;
import outpost.broker.internal.SessionTable;
import outpost.broker.internal.StateJson;
import outpost.transport.TunnelListener;

/**
 * An agent's side of broker mode: connects out to the broker (and again whenever it is lost),
 * announces the agent with a retained state whose last will marks it offline, and serves each
 * session that a console opens on {@code outpost/v1/agents/{agentId}/in/{consoleId}/{sessionId}}
 * through the agent's {@link TunnelListener}, as {@code broker client {consoleId}}: the broker's
 * ACL lets a client write only under its own id, so that name is the broker's word.
 */
public final class AgentLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AgentLink.class.getName());

    /** Periodic metric samples on the agent's metrics topic. */
    public record MetricsPublishing(Duration period, Supplier<String> sampleJson) {
    }

    private final AgentState birth;
    private final TunnelListener listener;
    private final SessionTable sessions = new SessionTable();
    private final MqttLink link;
    private final ScheduledExecutorService metricsTimer; // null without metrics

    private AgentLink(BrokerSettings settings, AgentState birth, TunnelListener listener,
            Optional<MetricsPublishing> metrics) throws IOException {
        if (!birth.agentId().equals(settings.clientId())) {
            throw new IllegalArgumentException("the agent id " + birth.agentId() + " must be the MQTT client id "
                    + settings.clientId());
        }
        this.birth = birth;
        this.listener = listener;
        this.link = MqttLink.open(settings, Optional.of(offline()), new Events());
        this.metricsTimer = metrics.map(this::publishEvery).orElse(null);
    }

    /**
     * Starts the link and returns at once: the link connects, and reconnects, in the background.
     *
     * @param birth what the state topic announces while the agent is online ({@code online} true)
     * @throws IOException when the settings cannot be used (an unreadable CA or password file)
     */
    public static AgentLink start(BrokerSettings settings, AgentState birth, TunnelListener listener,
            Optional<MetricsPublishing> metrics) throws IOException {
        AgentLink agentLink = new AgentLink(settings, birth, listener, metrics);
        agentLink.link.start();
        return agentLink;
    }

    public boolean isConnected() {
        return link.isConnected();
    }

    /** Sessions open through the broker now. */
    public int sessions() {
        return sessions.size();
    }

    private MqttLink.Will offline() {
        return new MqttLink.Will(Topics.state(birth.agentId()), StateJson.encode(birth.offline(Instant.now())));
    }

    private ScheduledExecutorService publishEvery(MetricsPublishing metrics) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outpost-broker-metrics");
            thread.setDaemon(true);
            return thread;
        });
        long millis = metrics.period().toMillis();
        timer.scheduleAtFixedRate(() -> {
            if (link.isConnected()) {
                try {
                    link.publish(Topics.metrics(birth.agentId()),
                            metrics.sampleJson().get().getBytes(StandardCharsets.UTF_8), false, () -> { });
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "metric sample not published", e);
                }
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return timer;
    }

    private final class Events implements MqttLink.Events {

        @Override
        public void connected(MqttLink connectedLink) throws MqttException {
            connectedLink.subscribe(List.of(Topics.ROOT + birth.agentId() + "/in/#"));
            AgentState online = birth.onlineAt(Instant.now());
            connectedLink.publish(Topics.state(birth.agentId()), StateJson.encode(online), true, () -> { });
        }

        @Override
        public void lost() {
            sessions.closeAll();
        }

        @Override
        public void message(String topic, byte[] payload, boolean retained) {
            Topics.session(topic).filter(session -> session.direction().equals("in"))
                    .ifPresent(session -> deliver(session, payload));
        }
    }

    private void deliver(Topics.SessionTopic topic, byte[] payload) {
        String key = topic.consoleId() + "/" + topic.sessionId();
        if (sessions.deliver(key, payload) || payload.length == 0 || sessions.ended(key)) {
            return; // a session's own bytes, a close, or the last words of a session that ended here
        }
        BridgedSession session = new BridgedSession(link,
                Topics.out(birth.agentId(), topic.consoleId(), topic.sessionId()), ended -> sessions.remove(key, ended));
        sessions.put(key, session);
        session.attach(listener.accept("broker client " + topic.consoleId(), session));
        session.received(payload);
    }

    /** Closes every session, publishes the offline state, disconnects. */
    @Override
    public void close() {
        if (metricsTimer != null) {
            metricsTimer.shutdownNow();
        }
        sessions.endAll();
        link.close(Optional.of(offline()));
    }
}
