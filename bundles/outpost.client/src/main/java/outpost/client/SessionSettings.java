package outpost.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import outpost.transport.TlsEngine;

/**
 * How to reach and log in to one agent.
 *
 * @param tls          false only for agents configured for plain TCP explicitly
 * @param token        the secret the agent knows (never stored in server lists)
 * @param knownAgents  the file of pinned certificate fingerprints (known-hosts style), used when
 *                     {@code pins} is not given; may be null when it is
 * @param trustNew     whether an agent never seen before is trusted (and remembered) on first use;
 *                     a changed fingerprint is refused either way. Without it an unknown agent
 *                     fails the connect with an {@link UntrustedAgentException} naming its fingerprint
 * @param pins         where fingerprints are pinned; null for the {@code knownAgents} file
 * @param keepalive    how long the agent may stay silent before the connection counts as lost
 *                     (pings are sent after a third of it); null for the transport's default
 * @param tlsEngine    the TLS engine; null for {@link TlsEngine#AUTO}
 */
public record SessionSettings(String host, int port, boolean tls, String token, Path knownAgents, boolean trustNew,
        Duration connectTimeout, PinStore pins, Duration keepalive, TlsEngine tlsEngine) {

    public SessionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (pins == null) {
            pins = new KnownAgents(Objects.requireNonNull(knownAgents, "knownAgents"));
        }
        if (tlsEngine == null) {
            tlsEngine = TlsEngine.AUTO;
        }
        if (keepalive != null && keepalive.toMillis() < 300) {
            throw new IllegalArgumentException("keepalive too short: " + keepalive);
        }
    }

    /** The TLS engine chosen automatically (the constructor of 0.3). */
    public SessionSettings(String host, int port, boolean tls, String token, Path knownAgents, boolean trustNew,
            Duration connectTimeout, PinStore pins, Duration keepalive) {
        this(host, port, tls, token, knownAgents, trustNew, connectTimeout, pins, keepalive, TlsEngine.AUTO);
    }

    /** Pins in the {@code knownAgents} file, the transport's keepalive. */
    public SessionSettings(String host, int port, boolean tls, String token, Path knownAgents, boolean trustNew,
            Duration connectTimeout) {
        this(host, port, tls, token, knownAgents, trustNew, connectTimeout, null, null);
    }

    /** TLS, trust on first use, 5 s to connect. */
    public static SessionSettings of(String host, int port, String token, Path knownAgents) {
        return new SessionSettings(host, port, true, token, knownAgents, true, Duration.ofSeconds(5));
    }

    public SessionSettings withTls(boolean useTls) {
        return new SessionSettings(host, port, useTls, token, knownAgents, trustNew, connectTimeout, pins, keepalive, tlsEngine);
    }

    public SessionSettings withTrustNew(boolean trust) {
        return new SessionSettings(host, port, tls, token, knownAgents, trust, connectTimeout, pins, keepalive, tlsEngine);
    }

    public SessionSettings withPins(PinStore store) {
        return new SessionSettings(host, port, tls, token, knownAgents, trustNew, connectTimeout,
                Objects.requireNonNull(store, "pins"), keepalive, tlsEngine);
    }

    public SessionSettings withConnectTimeout(Duration timeout) {
        return new SessionSettings(host, port, tls, token, knownAgents, trustNew, timeout, pins, keepalive, tlsEngine);
    }

    public SessionSettings withKeepalive(Duration idle) {
        return new SessionSettings(host, port, tls, token, knownAgents, trustNew, connectTimeout, pins, idle, tlsEngine);
    }

    public SessionSettings withTlsEngine(TlsEngine engine) {
        return new SessionSettings(host, port, tls, token, knownAgents, trustNew, connectTimeout, pins, keepalive, engine);
    }

    public String endpoint() {
        return host + ":" + port;
    }
}
