package outpost.broker.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import outpost.transport.Tunnel;
import outpost.transport.TunnelCarrier;

/**
 * One session's bytes between a {@link Tunnel} and its MQTT topics: this side's bytes are published
 * to {@code sendTopic}, the peer's arrive through {@link #received}; an empty message is the close.
 * Bounded: above {@value #PAUSE_ABOVE} bytes published and not yet acknowledged by the broker the
 * tunnel is paused, and resumed once they fall to {@value #RESUME_BELOW}.
 */
public final class BridgedSession implements TunnelCarrier {

    static final long PAUSE_ABOVE = 256 * 1024;
    static final long RESUME_BELOW = 64 * 1024;
    private static final byte[] CLOSE = new byte[0];

    private final MqttLink link;
    private final String sendTopic;
    private final Consumer<BridgedSession> onEnded;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Tunnel tunnel;
    private long unacknowledged; // guarded by this
    private boolean paused; // guarded by this

    public BridgedSession(MqttLink link, String sendTopic, Consumer<BridgedSession> onEnded) {
        this.link = link;
        this.sendTopic = sendTopic;
        this.onEnded = onEnded;
    }

    /** The transport's end of the stream, once it made it. */
    public void attach(Tunnel made) {
        this.tunnel = made;
    }

    @Override
    public void send(byte[] bytes) {
        if (bytes.length == 0 || ended.get()) {
            return; // an empty message would close the session
        }
        boolean pause;
        synchronized (this) {
            unacknowledged += bytes.length;
            pause = !paused && unacknowledged > PAUSE_ABOVE;
            paused |= pause;
        }
        if (pause) {
            tunnel.pauseSending();
        }
        link.publish(sendTopic, bytes, false, () -> acknowledged(bytes.length));
    }

    private void acknowledged(int length) {
        boolean resume;
        synchronized (this) {
            unacknowledged -= length;
            resume = paused && unacknowledged <= RESUME_BELOW;
            paused &= !resume;
        }
        if (resume && !ended.get()) {
            tunnel.resumeSending();
        }
    }

    synchronized long unacknowledged() {
        return unacknowledged;
    }

    /** Bytes from the peer. */
    public void received(byte[] bytes) {
        Tunnel current = tunnel;
        if (current != null && !ended.get()) {
            current.received(bytes);
        }
    }

    /** This side's connection ended: tell the peer with an empty message. */
    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            link.publish(sendTopic, CLOSE, false, () -> { });
            onEnded.accept(this);
        }
    }

    /** This side ends the session (the link is closing): the peer hears it, and the tunnel closes. */
    public void end() {
        if (ended.compareAndSet(false, true)) {
            link.publish(sendTopic, CLOSE, false, () -> { });
            onEnded.accept(this);
            Tunnel current = tunnel;
            if (current != null) {
                current.closed();
            }
        }
    }

    /** The peer closed the session, or the link to the broker was lost. */
    public void peerClosed() {
        if (ended.compareAndSet(false, true)) {
            onEnded.accept(this);
            Tunnel current = tunnel;
            if (current != null) {
                current.closed();
            }
        }
    }
}
