package outpost.client;

import java.io.IOException;

/**
 * The agent presented a certificate other than the one pinned for its address: someone may be
 * intercepting the connection, or the agent was reinstalled with a new key. Only the user can tell;
 * a client that lets them replace the pin must show both fingerprints and warn first.
 */
public final class CertificateChangedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final String pinned;
    private final String presented;

    public CertificateChangedException(String host, int port, String pinned, String presented, String message,
            Throwable cause) {
        super(message, cause);
        this.host = host;
        this.port = port;
        this.pinned = pinned;
        this.presented = presented;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The fingerprint pinned earlier ({@code SHA256:...}). */
    public String pinned() {
        return pinned;
    }

    /** The fingerprint of the certificate the agent presented now. */
    public String presented() {
        return presented;
    }
}
