package outpost.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The connections of one client process, one per agent address, shared by everything in it that
 * talks to that agent (in the console: the Server Explorer's live columns, each console editor and
 * its chart). A user takes a {@link Lease}; the session is closed when the last lease is released.
 * Offered as an OSGi service. Thread-safe.
 */
public interface AgentConnections {

    /**
     * Learns whether an agent answers at the address, without a token: connects, completes the TLS
     * handshake (any certificate is accepted and only reported: nothing secret is sent) and waits
     * for the agent's greeting. Blocks up to about twice the timeout: never on a UI thread.
     */
    Reachability probe(String host, int port, boolean tls, Duration timeout);

    /**
     * A share of the session to {@code settings.endpoint()}: the one already connected or
     * connecting when there is one (its token and settings win), else a new, not yet connected
     * session made with these settings. Connect it when its status is disconnected; when it is
     * connecting, wait for its status to change.
     */
    Lease acquire(SessionSettings settings);

    /**
     * A share of the session to the address when one is connected now, whatever token it logged in
     * with (e.g. the one a console just asked its user for); empty otherwise.
     */
    Optional<Lease> shareConnected(String host, int port);

    /** Hears when any shared session connects; must not block. */
    void addListener(Listener listener);

    void removeListener(Listener listener);

    /** One user's share of a session. */
    interface Lease extends AutoCloseable {

        AgentSession session();

        /**
         * Connects the shared session unless it is connected; when another user is connecting it,
         * waits for their outcome (at most three connect timeouts). Blocks: never on a UI thread.
         *
         * @throws IOException as {@link AgentSession#connect()}, or when the other user's connect failed
         */
        default void connect() throws IOException {
            AgentSession session = session();
            if (session.status() == SessionStatus.DISCONNECTED) {
                try {
                    session.connect();
                    return;
                } catch (IllegalStateException e) {
                    // another user started connecting in between: wait for them below
                }
            }
            long deadline = System.nanoTime() + session.settings().connectTimeout().multipliedBy(3).toNanos();
            try {
                while (session.status() == SessionStatus.CONNECTING && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + session.settings().endpoint(), e);
            }
            if (session.status() != SessionStatus.CONNECTED) {
                throw new IOException("The connection to " + session.settings().endpoint() + " did not come up.");
            }
        }

        /** Lets go of the session; the last lease of a session closes it. Idempotent. */
        @Override
        void close();
    }

    /** Told about the sessions of the registry, on whatever thread caused the change. */
    @FunctionalInterface
    interface Listener {

        /** A session to {@code endpoint} ({@code host:port}, host in lower case) is now connected. */
        void connected(String endpoint, AgentSession session);
    }

    /** The key of an address: host in lower case, port. */
    static String endpoint(String host, int port) {
        return host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }
}
