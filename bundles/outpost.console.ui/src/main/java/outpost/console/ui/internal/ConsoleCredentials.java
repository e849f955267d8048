package outpost.console.ui.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import outpost.servers.Server;

/**
 * Where the console finds agent tokens and pinned certificates. Tokens come from a properties
 * file ({@code host:port=token}; the {@code outpost.tokens} property, else
 * ~/.outpost/tokens.properties) or from the user, who is asked once per agent and run. Tokens are
 * never written to the server list.
 */
final class ConsoleCredentials {

    static final String TOKENS_PROPERTY = "outpost.tokens";
    static final String KNOWN_AGENTS_PROPERTY = "outpost.knownAgents";

    private static final Map<String, String> ENTERED = new ConcurrentHashMap<>();

    private ConsoleCredentials() {
    }

    /** The token for a server, from this run's answers or from the tokens file. Does file I/O. */
    static Optional<String> token(Server server) throws IOException {
        String entered = ENTERED.get(key(server));
        if (entered != null) {
            return Optional.of(entered);
        }
        Properties tokens = new Properties();
        try (Reader reader = Files.newBufferedReader(tokensFile(), StandardCharsets.UTF_8)) {
            tokens.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(tokens.getProperty(key(server))).map(String::strip).filter(t -> !t.isEmpty());
    }

    static void remember(Server server, String token) {
        ENTERED.put(key(server), token);
    }

    static void forget(Server server) {
        ENTERED.remove(key(server));
    }

    static Path tokensFile() {
        return pathProperty(TOKENS_PROPERTY, "tokens.properties");
    }

    static Path knownAgentsFile() {
        return pathProperty(KNOWN_AGENTS_PROPERTY, "known_agents");
    }

    private static Path pathProperty(String property, String defaultName) {
        String configured = System.getProperty(property);
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".outpost", defaultName);
    }

    private static String key(Server server) {
        return server.host().toLowerCase(Locale.ROOT) + ":" + server.port();
    }
}
