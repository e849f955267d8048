package outpost.broker.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import outpost.broker.BrokerSettings;

/**
 * One MQTT connection to the broker, kept up: connects out, and after a failed attempt or a lost
 * connection tries again after {@link ReconnectDelays} (1 s doubling to 60 s, with jitter) from its
 * one timer thread; only one attempt is ever under way, so a broker that stays down costs no more
 * threads or sockets. Publishes go through an outbox that keeps at most {@value #WINDOW} QoS 1
 * messages unacknowledged (under Mosquitto's receive maximum of 20) and queues the rest.
 */
public final class MqttLink implements MqttCallback {

    /** What the link tells its owner, on the link's threads. */
    public interface Events {
        /** Connected (again): subscribe and announce, before {@link #awaitConnected} returns; a failure here drops the connection and tries again. */
        void connected(MqttLink link) throws MqttException;

        /** The connection ended; sessions over it are gone. */
        void lost();

        void message(String topic, byte[] payload, boolean retained);
    }

    static final int WINDOW = 16;
    private static final System.Logger LOG = System.getLogger(MqttLink.class.getName());

    private final BrokerSettings settings;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Events events;
    private final ReconnectDelays delays;
    private final ScheduledExecutorService timer;
    private final Deque<Outgoing> outbox = new ArrayDeque<>();
    private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();
    private int unacknowledged; // guarded by outbox
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean(); // one attempt under way at most
    private volatile boolean closed;
    private volatile String lastFailure = "not connected yet";

    private record Outgoing(String topic, byte[] payload, boolean retained, Runnable done) {
    }

    /**
     * @param will the message the broker publishes (retained, QoS 1) when the link dies without a
     *             DISCONNECT; empty for none
     */
    public MqttLink(BrokerSettings settings, Optional<Will> will, Events events, ReconnectDelays delays) throws IOException {
        this.settings = settings;
        this.events = events;
        this.delays = delays;
        try {
            this.client = new MqttAsyncClient(settings.url().toString(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IOException("broker " + settings.url() + ": " + e.getMessage(), e);
        }
        client.setCallback(this);
        options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false); // ours: capped, jittered, one attempt at a time
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout(10);
        settings.username().ifPresent(options::setUserName);
        settings.readPassword().ifPresent(options::setPassword);
        if (settings.tls()) {
            options.setSocketFactory(NoDelaySockets.tls(BrokerTls.socketFactory(settings)));
            // a pinned certificate is the identity; a CA's certificate must also name the host
            options.setHttpsHostnameVerificationEnabled(settings.fingerprint().isEmpty());
        } else {
            options.setSocketFactory(NoDelaySockets.plain());
        }
        will.ifPresent(w -> {
            MqttMessage message = new MqttMessage(w.payload(), 1, true, new MqttProperties());
            options.setWill(w.topic(), message);
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outpost-broker-link-" + settings.clientId());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A last will: published by the broker, retained, when this link dies without saying goodbye. */
    public record Will(String topic, byte[] payload) {
    }

    public static MqttLink open(BrokerSettings settings, Optional<Will> will, Events events) throws IOException {
        return new MqttLink(settings, will, events,
                new ReconnectDelays(ReconnectDelays.FIRST, ReconnectDelays.CAP, ThreadLocalRandom.current()::nextDouble));
    }

    /** Starts connecting; later attempts follow by themselves until {@link #close}. */
    public MqttLink start() {
        timer.execute(this::attempt);
        return this;
    }

    /** Waits for the first connection; on timeout says why the attempts failed so far. */
    public void awaitConnected(Duration timeout) throws IOException {
        try {
            firstConnection.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("cannot connect to the broker " + settings.url() + ": " + lastFailure);
        } catch (ExecutionException e) {
            throw new IOException("broker " + settings.url() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to the broker " + settings.url());
        }
    }

    public boolean isConnected() {
        return connected.get();
    }

    public String clientId() {
        return settings.clientId();
    }

    public String url() {
        return settings.url().toString();
    }

    private void attempt() {
        retryScheduled.set(false);
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    timer.execute(MqttLink.this::established);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retryLater(failure);
                }
            });
        } catch (MqttException | RuntimeException e) {
            retryLater(e);
        }
    }

    private void established() {
        if (closed) {
            return;
        }
        try {
            delays.reset();
            connected.set(true);
            events.connected(this);
            drain();
            firstConnection.complete(null);
            LOG.log(System.Logger.Level.INFO, "connected to the broker " + settings.url() + " as " + settings.clientId());
        } catch (MqttException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "broker " + settings.url() + ": setting up the link failed", e);
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException ignored) {
                // closed either way
            }
            lost(e);
        }
    }

    private void retryLater(Throwable failure) {
        lastFailure = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (closed || !retryScheduled.compareAndSet(false, true)) {
            return;
        }
        Duration wait = delays.next();
        LOG.log(System.Logger.Level.INFO, "broker " + settings.url() + " not reached (" + lastFailure + "); next attempt in "
                + wait.toMillis() + " ms");
        try {
            timer.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** Publishes with QoS 1, in order with the link's other publishes; {@code done} runs once it is acknowledged or dropped. */
    public void publish(String topic, byte[] payload, boolean retained, Runnable done) {
        if (!connected.get()) {
            done.run(); // what a lost link carried is gone with its sessions
            return;
        }
        synchronized (outbox) {
            outbox.add(new Outgoing(topic, payload, retained, done));
        }
        drain();
    }

    private void drain() {
        while (true) {
            Outgoing next;
            synchronized (outbox) {
                if (!connected.get() || unacknowledged >= WINDOW || outbox.isEmpty()) {
                    return;
                }
                next = outbox.poll();
                unacknowledged++;
            }
            try {
                client.publish(next.topic(), next.payload(), 1, next.retained(), null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        acknowledged(next);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        acknowledged(next);
                    }
                });
            } catch (MqttException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "publish to " + next.topic() + " dropped: " + e.getMessage());
                acknowledged(next);
            }
        }
    }

    private void acknowledged(Outgoing message) {
        synchronized (outbox) {
            unacknowledged--;
        }
        message.done().run();
        drain();
    }

    /** Subscribes and waits for the broker's answer (a refusal throws); for {@link Events#connected}. */
    public void subscribe(List<String> filters) throws MqttException {
        String[] topics = filters.toArray(String[]::new);
        int[] qos = new int[topics.length];
        java.util.Arrays.fill(qos, 1);
        IMqttToken token = client.subscribe(topics, qos);
        token.waitForCompletion(10_000);
        for (int reason : token.getReasonCodes()) {
            if (reason >= 0x80) {
                throw new MqttException(reason);
            }
        }
    }

    private void awaitOutbox(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (connected.get() && System.nanoTime() < deadline) {
            synchronized (outbox) {
                if (outbox.isEmpty() && unacknowledged == 0) {
                    return;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        events.message(topic, message.getPayload(), message.isRetained());
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        lost(response.getException() != null ? response.getException()
                : new IOException("the broker disconnected (reason " + response.getReturnCode() + ")"));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.log(System.Logger.Level.WARNING, "broker " + settings.url() + ": " + exception.getMessage());
    }

    /** The connection ended (whoever noticed first): drop what it carried, tell the owner, try again later. */
    private void lost(Throwable cause) {
        if (!connected.compareAndSet(true, false)) {
            return;
        }
        List<Outgoing> dropped;
        synchronized (outbox) {
            dropped = List.copyOf(outbox);
            outbox.clear();
        }
        dropped.forEach(message -> message.done().run());
        LOG.log(System.Logger.Level.WARNING, "lost the broker " + settings.url() + ": " + cause.getMessage());
        events.lost();
        retryLater(cause);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // the publish's own listener counts it
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // established() runs from the connect's listener
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    /**
     * Waits up to a second for what was published to be acknowledged, publishes {@code farewell} (if
     * any) and waits up to a second for it, disconnects, and stops the timer: nothing of the link
     * runs afterwards.
     */
    public void close(Optional<Will> farewell) {
        closed = true;
        timer.shutdownNow();
        try {
            // a connection being set up finishes first, so its announcement cannot follow the farewell
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitOutbox(Duration.ofSeconds(1)); // the sessions' last words (a stopping notice, their close)
        try {
            if (client.isConnected()) {
                farewell.ifPresent(message -> {
                    try {
                        client.publish(message.topic(), message.payload(), 1, true).waitForCompletion(1000);
                    } catch (MqttException e) {
                        LOG.log(System.Logger.Level.WARNING, "offline state not published: " + e.getMessage());
                    }
                });
                client.disconnect().waitForCompletion(1000);
            }
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.DEBUG, "disconnect: " + e.getMessage());
        }
        connected.set(false);
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            // already disconnected
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.DEBUG, "close: " + e.getMessage());
        }
        firstConnection.completeExceptionally(new IOException("link closed"));
    }
}
