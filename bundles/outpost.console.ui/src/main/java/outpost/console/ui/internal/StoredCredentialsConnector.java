package outpost.console.ui.internal;

import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import outpost.client.SessionSettings;
import outpost.console.ui.AgentConnector;
import outpost.console.ui.ConsolePreferences;
import outpost.servers.Server;

/**
 * Tokens and pinned certificates from {@link ConsoleCredentials} (secure storage, or the files
 * named on the command line), timeouts from the preferences; new agents need the user's trust.
 */
@Component(service = AgentConnector.class)
public final class StoredCredentialsConnector implements AgentConnector {

    @Override
    public Optional<SessionSettings> settingsFor(Server server) throws IOException {
        CredentialStore store = ConsoleCredentials.store();
        return store.token(server).map(token -> settings(server, token, store));
    }

    /** Settings with the given token: no new agent is trusted without the user's word. */
    static SessionSettings settings(Server server, String token, CredentialStore store) {
        return settings(server, token, store, ConsolePreferences.current());
    }

    /** Settings with the given token and the timeouts of the given preferences. */
    static SessionSettings settings(Server server, String token, CredentialStore store, ConsolePreferences preferences) {
        // below a second the pings would outnumber the answers; such a value means "the default"
        java.time.Duration keepalive = preferences.keepalive().toSeconds() >= 1 ? preferences.keepalive() : null;
        return new SessionSettings(server.host(), server.port(), true, token, null, false,
                preferences.connectTimeout(), store.pins(), keepalive, preferences.tlsEngine());
    }

    @Override
    public void rememberToken(Server server, String token) throws IOException {
        ConsoleCredentials.store().rememberToken(server, token);
    }

    @Override
    public void forgetToken(Server server) throws IOException {
        ConsoleCredentials.store().forgetToken(server);
    }

    @Override
    public void trust(Server server, String fingerprint) throws IOException {
        ConsoleCredentials.store().pins().remember(server.host(), server.port(), fingerprint);
    }
}
