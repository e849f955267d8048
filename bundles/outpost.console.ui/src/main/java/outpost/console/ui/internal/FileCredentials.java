package outpost.console.ui.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import outpost.client.KnownAgents;
import outpost.client.PinStore;
import outpost.servers.Server;

/**
 * Tokens read from a properties file ({@code host:port=token}) and pins in a known-agents file:
 * the override for tests and scripted runs ({@code --tokens}, {@code --known-agents}). Tokens the
 * user types are kept for this run only; the tokens file is never written.
 */
final class FileCredentials implements CredentialStore {

    private final Path tokensFile;
    private final KnownAgents pins;
    private final Map<String, String> entered = new ConcurrentHashMap<>();

    FileCredentials(Path tokensFile, Path knownAgentsFile) {
        this.tokensFile = tokensFile;
        this.pins = new KnownAgents(knownAgentsFile);
    }

    @Override
    public Optional<String> token(Server server) throws IOException {
        String typed = entered.get(ConsoleCredentials.key(server));
        if (typed != null) {
            return Optional.of(typed);
        }
        if (tokensFile == null) {
            return Optional.empty();
        }
        Properties tokens = new Properties();
        try (Reader reader = Files.newBufferedReader(tokensFile, StandardCharsets.UTF_8)) {
            tokens.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(tokens.getProperty(ConsoleCredentials.key(server))).map(String::strip)
                .filter(t -> !t.isEmpty());
    }

    @Override
    public void rememberToken(Server server, String token) {
        entered.put(ConsoleCredentials.key(server), token);
    }

    @Override
    public void forgetToken(Server server) {
        entered.remove(ConsoleCredentials.key(server));
    }

    @Override
    public PinStore pins() {
        return pins;
    }

    @Override
    public String tokenLocation() {
        return tokensFile == null ? "this run's memory" : tokensFile.toString();
    }
}
