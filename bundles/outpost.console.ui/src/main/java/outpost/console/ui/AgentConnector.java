package outpost.console.ui;

import java.io.IOException;
import java.util.Optional;

import outpost.client.SessionSettings;
import outpost.servers.Server;

/**
 * How the console reaches a server's agent: the token and the pinned certificates it has stored
 * for that server. Shared by the console editors and the Server Explorer's live columns, so both
 * log in the same way. A DS service.
 */
public interface AgentConnector {

    /**
     * Settings for a session with the server's agent, with the stored token; empty when no token is
     * stored yet (the user has to be asked). New agents are not trusted by these settings: connecting
     * to an agent whose certificate is not pinned yet fails with an
     * {@link outpost.client.UntrustedAgentException} carrying its fingerprint, for the user to judge
     * (then {@link #trust}). Does I/O: never call it on the UI thread.
     */
    Optional<SessionSettings> settingsFor(Server server) throws IOException;

    /** Keeps the token the user entered for this server. */
    void rememberToken(Server server, String token) throws IOException;

    /** Drops the stored token (e.g. after the agent refused it). */
    void forgetToken(Server server) throws IOException;

    /** Pins the certificate fingerprint the user accepted for this server's agent. Does I/O. */
    void trust(Server server, String fingerprint) throws IOException;
}
