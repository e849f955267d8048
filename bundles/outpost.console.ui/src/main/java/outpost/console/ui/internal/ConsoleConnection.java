package outpost.console.ui.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import outpost.client.AgentSession;
import outpost.client.CertificateChangedException;
import outpost.client.SessionFactory;
import outpost.client.SessionListener;
import outpost.client.SessionStatus;
import outpost.client.UntrustedAgentException;
import outpost.console.ui.ConsolePreferences;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.servers.Server;

/**
 * The connection of one console to its agent, without widgets: it owns the session, the reconnect
 * schedule and the status, gets the token from {@link TokenLookup} and the user's trust from
 * {@link CertificateTrust}, and reports to a {@link ConnectionListener}. Storage and connects run as background work,
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
    record Context(SessionFactory sessions, Supplier<CredentialStore> credentials, Supplier<ConsolePreferences> preferences,
            Executor uiThread, BackgroundWork background) {
    }

    private final Server server;
    private final Context context;
    private final ConnectionListener listener;
    private final ConnectionSteps steps;
    private final TokenLookup tokens;
    private final CertificateTrust trust;
    private final ReconnectBackoff backoff;
    /** The current session; UI thread only. */
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
        this.backoff = new ReconnectBackoff(context.preferences().get().reconnectMaxDelay());
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
            session.close();
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
        if (session != null) {
            session.close();
        }
    }

    /**
     * Finds the token (in the background, asking the user when they asked and none is stored),
     * then connects in the background.
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
        pendingConnect = tokens.find(manual, delayMillis, token -> connectWith(token, manual));
    }

    private void connectWith(String token, boolean manual) {
        if (session != null) {
            session.close();
        }
        listener.sessionEnded();
        AgentSession connecting = context.sessions().create(StoredCredentialsConnector.settings(server, token,
                context.credentials().get(), context.preferences().get()));
        session = connecting;
        connecting.addListener(new SessionListener() {
            @Override
            public void statusChanged(AgentSession changed, SessionStatus status, String reason) {
                inUi(() -> sessionStatusChanged(changed, status, reason));
            }

            @Override
            public void noticeReceived(AgentSession from, Notice notice) {
                inUi(() -> ConsoleConnection.this.noticeReceived(from, notice));
            }
        });
        pendingConnect = steps.inBackground("Connecting to " + server.name(), 0, !manual,
                () -> attempt(connecting, token, manual));
    }

    /** In the background: the blocking connect; its outcome is handled on the UI thread. */
    private void attempt(AgentSession connecting, String token, boolean manual) {
        if (steps.isClosed()) {
            return;
        }
        try {
            connecting.connect();
            inUi(() -> connected(connecting));
        } catch (UntrustedAgentException e) {
            inUi(() -> askTrust(connecting, token, e.fingerprint()));
        } catch (CertificateChangedException e) {
            inUi(() -> certificateChanged(connecting, token, e, manual));
        } catch (IOException e) {
            boolean tokenRefused = e.getMessage() != null && e.getMessage().contains("refused the token");
            if (tokenRefused) {
                tokens.forget();
            }
            inUi(() -> connectFailed(connecting, e.getMessage(), manual, tokenRefused));
        } catch (IllegalStateException e) {
            // closed by the user or replaced while connecting: nothing to report
        }
    }

    private void connected(AgentSession connected) {
        if (connected != session) {
            return;
        }
        pendingConnect = null;
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
    private void askTrust(AgentSession refused, String token, String fingerprint) {
        if (refused != session) {
            return;
        }
        pendingConnect = null;
        trust.firstContact(fingerprint, () -> stayDisconnected = true, () -> connectWith(token, true));
    }

    /** A changed certificate is never retried by itself; the user may replace the pin when they asked to connect. */
    private void certificateChanged(AgentSession refused, String token, CertificateChangedException changed, boolean manual) {
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
        if (manual) {
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
        int attemptsMade = backoff.attempts();
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
