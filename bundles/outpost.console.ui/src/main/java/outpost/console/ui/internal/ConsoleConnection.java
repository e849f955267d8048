package outpost.console.ui.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import outpost.client.AgentConnections;
import outpost.client.AgentSession;
import outpost.client.Backoff;
import outpost.client.CertificateChangedException;
import outpost.client.Reachability;
import outpost.client.SessionListener;
import outpost.client.SessionStatus;
import outpost.client.UntrustedAgentException;
import outpost.console.ui.ConsolePreferences;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.servers.Server;

/**
 * The connection of one console to its agent, without widgets: it holds a share of the agent's
 * session (from {@link AgentConnections}, shared with the Server Explorer and other users), the
 * reconnect schedule and the status. Each connect first probes the address, so a down agent is
 * reported as down and nobody is asked anything; then, on first contact, the user's trust in the
 * certificate ({@link CertificateTrust}), then the token ({@link TokenLookup}), and a token the user
 * typed is stored only once the agent accepted it. It reports to a {@link ConnectionListener}. Storage and connects run as background work,
 * never on the UI thread; every decision and every report happens on the UI thread, so the state
 * needs no locks. A lost connection is retried with capped exponential backoff when the preference
 * says so, and always after the agent announced a reset; never after the user disconnected, killed
 * the agent or refused its certificate, nor when the agent refused the token or its certificate changed.
 */
final class ConsoleConnection {

    static final String ADMIN_ROLE = "admin";

    /**
     * What a connection uses besides its server and listener (tests stand in for each part).
     *
     * @param credentials the token and pin store; the first call may do I/O, so it is made in background work
     * @param uiThread    runs a step on the UI thread later, unless the console is gone
     */
    record Context(AgentConnections connections, Supplier<CredentialStore> credentials, Supplier<ConsolePreferences> preferences,
            Executor uiThread, BackgroundWork background) {
    }

    private final Server server;
    private final Context context;
    private final ConnectionListener listener;
    private final ConnectionSteps steps;
    private final TokenLookup tokens;
    private final CertificateTrust trust;
    private final Backoff backoff;
    private final SessionListener sessionListener = new SessionListener() {
        @Override
        public void statusChanged(AgentSession changed, SessionStatus status, String reason) {
            inUi(() -> sessionStatusChanged(changed, status, reason));
        }

        @Override
        public void noticeReceived(AgentSession from, Notice notice) {
            inUi(() -> ConsoleConnection.this.noticeReceived(from, notice));
        }
    };
    /** This console's share of the agent's session, and the session; UI thread only. */
    private AgentConnections.Lease lease;
    private AgentSession session;
    /** The token lookup or connect attempt scheduled or running, if any; UI thread only. */
    private BackgroundWork.Task pendingConnect;
    /** Set when the user disconnected, killed the agent or refused it: no automatic reconnect then. UI thread only. */
    private boolean stayDisconnected;
    /** Set when the agent announced a reset; cleared once connected again. UI thread only. */
    private boolean agentRestarting;

    ConsoleConnection(Server server, Context context, ConnectionListener listener) {
        this.server = server;
        this.context = context;
        this.listener = listener;
        this.steps = new ConnectionSteps(context.uiThread(), context.background());
        this.tokens = new TokenLookup(server, context.credentials(), steps, listener);
        this.trust = new CertificateTrust(server, context.credentials(), steps, listener);
        this.backoff = new Backoff(Duration.ofSeconds(1), context.preferences().get().reconnectMaxDelay());
    }

    /** Connects because the user asked (or opened the console): failures then show a dialog. UI thread. */
    void connect() {
        connect(true, 0);
    }

    /** The Connect/Disconnect action: a connected session is closed for good, a disconnected one connects. */
    void toggle() {
        if (session != null && session.status() == SessionStatus.CONNECTED) {
            stayDisconnected = true;
            cancelPendingConnect();
            release(); // others may still use the agent's session: this console lets go of it
            listener.stateChanged(ConnectionState.DISCONNECTED);
            listener.sessionEnded();
            listener.info("Disconnected.");
        } else if (session == null || session.status() == SessionStatus.DISCONNECTED) {
            connect(true, 0);
        }
    }

    /** The user is stopping the agent for good: do not knock on its door. UI thread. */
    void stayDisconnected() {
        stayDisconnected = true;
    }

    /** The session, while it is connected. UI thread. */
    Optional<AgentSession> connectedSession() {
        return session != null && session.status() == SessionStatus.CONNECTED ? Optional.of(session) : Optional.empty();
    }

    /** The console closed: nothing more is scheduled or reported, the session is closed. UI thread. */
    void dispose() {
        steps.close();
        cancelPendingConnect();
        release();
    }

    /** Lets go of the session: it closes when no one else uses it. UI thread. */
    private void release() {
        if (session != null) {
            session.removeListener(sessionListener);
            lease.close();
            session = null;
            lease = null;
        }
    }

    /**
     * Probes the agent in the background; when it answers: its certificate, if new, goes to the user
     * first, then the token is found (asking the user when they asked and none is stored), then
     * the connect runs in the background.
     *
     * @param manual whether the user asked: failures then show a dialog, else a transcript line
     * @param delayMillis how long to wait first (reconnect backoff)
     */
    private void connect(boolean manual, long delayMillis) {
        cancelPendingConnect();
        stayDisconnected = false;
        if (manual) {
            backoff.reset();
            listener.info("Connecting to " + server.endpoint() + " ...");
        }
        pendingConnect = steps.inBackground("Reaching " + server.name(), delayMillis, !manual, () -> probe(manual));
    }

    /** In the background: is an agent there, and is its certificate pinned? Nobody is asked anything before. */
    private void probe(boolean manual) {
        if (steps.isClosed()) {
            return;
        }
        Optional<AgentConnections.Lease> shared = context.connections().shareConnected(server.host(), server.port());
        if (shared.isPresent()) { // e.g. the Server Explorer's: no probe, no token needed
            inUi(() -> joined(shared.get(), manual));
            return;
        }
        Reachability reached = context.connections().probe(server.host(), server.port(), true,
                context.preferences().get().connectTimeout());
        if (!reached.reachable()) {
            inUi(() -> unreachable(reached.reason(), manual));
            return;
        }
        Optional<String> pinned;
        try {
            pinned = reached.fingerprintIfAny().isEmpty() ? Optional.empty()
                    : context.credentials().get().pins().fingerprint(server.host(), server.port());
        } catch (IOException | RuntimeException e) {
            inUi(() -> unreachable("Cannot read the pinned certificate of " + server.endpoint() + ": " + e.getMessage(), manual));
            return;
        }
        boolean firstContact = reached.fingerprintIfAny().isPresent() && pinned.isEmpty();
        inUi(() -> {
            pendingConnect = null;
            if (firstContact) {
                trust.firstContact(reached.fingerprint(), () -> stayDisconnected = true, () -> findToken(manual));
            } else {
                findToken(manual);
            }
        });
    }

    /** Takes part in a session another user connected; if it was lost meanwhile, connects as usual. */
    private void joined(AgentConnections.Lease taken, boolean manual) {
        pendingConnect = null;
        if (taken.session().status() != SessionStatus.CONNECTED) {
            taken.close();
            pendingConnect = steps.inBackground("Reaching " + server.name(), 0, !manual, () -> probe(manual));
            return;
        }
        release();
        listener.sessionEnded();
        lease = taken;
        session = taken.session();
        session.addListener(sessionListener);
        connected(session, null);
    }

    private void unreachable(String reason, boolean manual) {
        pendingConnect = null;
        if (manual) {
            listener.error(reason);
            listener.connectFailed(reason);
        } else {
            scheduleReconnect(reason);
        }
    }

    private void findToken(boolean manual) {
        pendingConnect = tokens.find(manual, token -> connectWith(token, manual));
    }

    private void connectWith(TokenLookup.Token token, boolean manual) {
        release();
        listener.sessionEnded();
        AgentConnections.Lease taken = context.connections().acquire(StoredCredentialsConnector.settings(server,
                token.value(), context.credentials().get(), context.preferences().get()));
        lease = taken;
        session = taken.session();
        session.addListener(sessionListener);
        pendingConnect = steps.inBackground("Connecting to " + server.name(), 0, !manual,
                () -> attempt(taken, token, manual));
    }

    /** In the background: the blocking connect (or the wait for another user's); its outcome is handled on the UI thread. */
    private void attempt(AgentConnections.Lease connecting, TokenLookup.Token token, boolean manual) {
        if (steps.isClosed()) {
            return;
        }
        AgentSession shared = connecting.session();
        try {
            connecting.connect();
            inUi(() -> connected(shared, token));
        } catch (UntrustedAgentException e) {
            inUi(() -> askTrust(shared, token, e.fingerprint()));
        } catch (CertificateChangedException e) {
            inUi(() -> certificateChanged(shared, token, e, manual));
        } catch (IOException e) {
            boolean tokenRefused = e.getMessage() != null && e.getMessage().contains("refused the token");
            if (tokenRefused && token.stored()) {
                tokens.forget();
            }
            inUi(() -> connectFailed(shared, e.getMessage(), manual, tokenRefused));
        } catch (IllegalStateException e) {
            // closed by the user or replaced while connecting: nothing to report
        }
    }

    /** @param token the token this console logged in with; null when it joined another user's session */
    private void connected(AgentSession connected, TokenLookup.Token token) {
        if (connected != session) {
            return;
        }
        pendingConnect = null;
        if (token != null && !token.stored()) {
            tokens.keep(token.value()); // the agent accepted it: now it is worth keeping
        }
        backoff.reset();
        agentRestarting = false;
        String greeting = connected.hello().map(hello -> "Connected to " + hello.hostName() + " (agent "
                + hello.agentVersion() + ", protocol " + hello.protocolMajor() + "." + hello.protocolMinor() + ")")
                .orElse("Connected");
        listener.info(greeting + ", roles: " + String.join(", ", connected.roles()) + "\n"
                + connected.fingerprint().map(f -> "TLS, certificate " + f).orElse("No TLS: plain TCP"));
        listener.stateChanged(stateFor(SessionStatus.CONNECTED));
        listener.connected(connected);
    }

    /** First contact: the user compares the fingerprint and decides; a refusal leaves the console disconnected. */
    private void askTrust(AgentSession refused, TokenLookup.Token token, String fingerprint) {
        if (refused != session) {
            return;
        }
        pendingConnect = null;
        trust.firstContact(fingerprint, () -> stayDisconnected = true, () -> connectWith(token, true));
    }

    /** A changed certificate is never retried by itself; the user may replace the pin when they asked to connect. */
    private void certificateChanged(AgentSession refused, TokenLookup.Token token, CertificateChangedException changed,
            boolean manual) {
        if (refused != session) {
            return;
        }
        pendingConnect = null;
        trust.changed(changed, manual, () -> stayDisconnected = true, () -> connectWith(token, true));
    }

    private void connectFailed(AgentSession failed, String message, boolean manual, boolean tokenRefused) {
        if (failed != session) {
            return;
        }
        pendingConnect = null;
        release();
        if (manual && tokenRefused) {
            listener.error(message + "\nEnter another token.");
            findToken(true); // the refused token is not kept: the user is asked again
        } else if (manual) {
            listener.error(message);
            listener.connectFailed(message);
        } else if (tokenRefused || message.contains("CHANGED")) {
            listener.error(message + "\nNot reconnecting.");
        } else {
            scheduleReconnect(message);
        }
    }

    private void sessionStatusChanged(AgentSession changed, SessionStatus status, String reason) {
        if (changed != session) {
            return; // a session this console has replaced
        }
        if (status == SessionStatus.CONNECTED) {
            return; // reported by connected(), once the greeting is written
        }
        listener.stateChanged(stateFor(status));
        if (status != SessionStatus.DISCONNECTED) {
            return;
        }
        listener.sessionEnded();
        if (reason != null && pendingConnect == null) { // a connection that was up is lost
            listener.error(reason);
            if (!stayDisconnected && (agentRestarting || context.preferences().get().autoReconnect())) {
                scheduleReconnect(null);
            }
        }
    }

    private void noticeReceived(AgentSession from, Notice notice) {
        if (from == session) {
            agentRestarting = notice.kind() == NoticeKind.RESETTING;
            listener.info("Agent notice: " + notice.text());
        }
    }

    private void scheduleReconnect(String lastFailure) {
        if (steps.isClosed() || stayDisconnected) {
            return;
        }
        int attemptsMade = backoff.failures();
        Duration delay = backoff.next();
        listener.info((lastFailure == null ? "" : "Reconnect attempt " + attemptsMade + " failed: " + lastFailure + "\n")
                + "Reconnecting in " + delay.toSeconds() + " s ...");
        connect(false, delay.toMillis());
    }

    private void cancelPendingConnect() {
        if (pendingConnect != null) {
            pendingConnect.cancel();
            pendingConnect = null;
        }
    }

    /** The state to show for a status the session reported (not necessarily its status by now). */
    private ConnectionState stateFor(SessionStatus status) {
        boolean connected = status == SessionStatus.CONNECTED;
        return new ConnectionState(status, status == SessionStatus.DISCONNECTED && agentRestarting,
                connected && session != null && session.roles().contains(ADMIN_ROLE));
    }

    private void inUi(Runnable step) {
        steps.inUi(step);
    }
}
