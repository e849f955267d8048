package outpost.client;

import java.io.IOException;

/**
 * The agent is not known yet and the session was told not to trust new agents: the user can
 * compare {@link #fingerprint()} with the one the agent printed, pin it and connect again.
 */
public final class UntrustedAgentException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final String fingerprint;

    public UntrustedAgentException(String host, int port, String fingerprint, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The SHA-256 fingerprint of the certificate the agent presented ({@code SHA256:...}). */
    public String fingerprint() {
        return fingerprint;
    }
}
