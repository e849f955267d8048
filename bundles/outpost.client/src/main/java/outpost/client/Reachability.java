package outpost.client;

import java.util.Optional;

/**
 * What a probe learned about an address before any token is sent: whether an Outpost agent
 * answers there (TCP, then the TLS handshake, then its greeting), the fingerprint of its
 * certificate, or why it cannot be reached.
 *
 * @param fingerprint the agent's certificate fingerprint ({@code SHA256:...}); null without TLS or when unreachable
 * @param reason      why it is unreachable, for users (refused, timed out, unknown host); null when reachable
 */
public record Reachability(boolean reachable, String fingerprint, String reason) {

    public static Reachability reachable(String fingerprint) {
        return new Reachability(true, fingerprint, null);
    }

    public static Reachability unreachable(String reason) {
        return new Reachability(false, null, reason);
    }

    public Optional<String> fingerprintIfAny() {
        return Optional.ofNullable(fingerprint);
    }
}
