package outpost.console.ui.internal;

import java.util.Optional;
import java.util.function.Consumer;

import outpost.client.AgentSession;
import outpost.client.CertificateChangedException;

/** What a {@link ConsoleConnection} tells its console and asks its user; always called on the UI thread. */
interface ConnectionListener {

    /** The status line and the actions that depend on it. */
    void stateChanged(ConnectionState state);

    /** A line for the transcript. */
    void info(String text);

    /** A line for the transcript, as an error. */
    void error(String text);

    /** Connected; the greeting and the status are shown: start what needs the session. */
    void connected(AgentSession session);

    /** The session is disconnected or replaced: stop what used it. */
    void sessionEnded();

    /** A connect the user asked for failed; the message is already in the transcript. */
    void connectFailed(String message);

    /** No token is stored for the agent: asks the user (blocking, a modal dialog); empty when they cancel. */
    Optional<String> askToken();

    /**
     * First contact: asks whether to trust the agent's certificate, without blocking. The answer
     * comes once on the UI thread; never while another certificate question is open or after the
     * console closed.
     */
    void askTrust(String fingerprint, Consumer<Boolean> answer);

    /** The certificate is not the pinned one: asks whether to replace the pin, like {@link #askTrust}. */
    void askChangedCertificate(CertificateChangedException changed, Consumer<Boolean> answer);
}
