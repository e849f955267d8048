package outpost.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and log in to one agent.
 *
 * @param tls          false only for agents configured for plain TCP explicitly
 * @param token        the secret the agent knows (never stored in server lists)
 * @param knownAgents  the file of pinned certificate fingerprints (known-hosts style)
 * @param trustNew     whether an agent never seen before is trusted (and remembered) on first use;
 *                     a changed fingerprint is refused either way
 */
public record SessionSettings(String host, int port, boolean tls, String token, Path knownAgents, boolean trustNew,
        Duration connectTimeout) {

    public SessionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(knownAgents, "knownAgents");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** TLS, trust on first use, 5 s to connect. */
    public static SessionSettings of(String host, int port, String token, Path knownAgents) {
        return new SessionSettings(host, port, true, token, knownAgents, true, Duration.ofSeconds(5));
    }

    public SessionSettings withTls(boolean useTls) {
        return new SessionSettings(host, port, useTls, token, knownAgents, trustNew, connectTimeout);
    }

    public SessionSettings withTrustNew(boolean trust) {
        return new SessionSettings(host, port, tls, token, knownAgents, trust, connectTimeout);
    }

    public String endpoint() {
        return host + ":" + port;
    }
}
