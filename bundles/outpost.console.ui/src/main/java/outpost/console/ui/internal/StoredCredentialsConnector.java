package outpost.console.ui.internal;

import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import outpost.client.SessionSettings;
import outpost.console.ui.AgentConnector;
import outpost.console.ui.ConsolePreferences;
import outpost.servers.Server;

/** Tokens from {@link ConsoleCredentials}, certificates pinned in its known-agents file. */
@Component(service = AgentConnector.class)
public final class StoredCredentialsConnector implements AgentConnector {

    @Override
    public Optional<SessionSettings> settingsFor(Server server) throws IOException {
        ConsolePreferences preferences = ConsolePreferences.current();
        return ConsoleCredentials.token(server).map(token -> new SessionSettings(server.host(), server.port(), true,
                token, ConsoleCredentials.knownAgentsFile(), true, preferences.connectTimeout()));
    }

    @Override
    public void rememberToken(Server server, String token) {
        ConsoleCredentials.remember(server, token);
    }

    @Override
    public void forgetToken(Server server) {
        ConsoleCredentials.forget(server);
    }
}
