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
     * stored yet (the user has to be asked). Does I/O: never call it on the UI thread.
     */
    Optional<SessionSettings> settingsFor(Server server) throws IOException;

    /** Keeps the token the user entered for this server. */
    void rememberToken(Server server, String token) throws IOException;

    /** Drops the stored token (e.g. after the agent refused it). */
    void forgetToken(Server server) throws IOException;
}
