package outpost.console.ui.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import outpost.console.ui.internal.StoredCredential.TokenKept;
import outpost.client.KnownAgents;
import outpost.client.PinStore;
import outpost.servers.Server;
import outpost.files.AtomicFiles;

/**
 * Tokens read from a properties file ({@code host:port=token}) and pins in a known-agents file:
 * the override for tests and scripted runs ({@code --tokens}, {@code --known-agents}). Tokens the
 * user types are kept for this run only; the tokens file is written only to forget a token, by
 * removing its line (every other line stays as it was).
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
        return Optional.ofNullable(readTokens().getProperty(ConsoleCredentials.key(server))).map(String::strip)
                .filter(t -> !t.isEmpty());
    }

    private Properties readTokens() throws IOException {
        Properties tokens = new Properties();
        if (tokensFile == null) {
            return tokens;
        }
        try (Reader reader = Files.newBufferedReader(tokensFile, StandardCharsets.UTF_8)) {
            tokens.load(reader);
        } catch (NoSuchFileException e) {
            // no tokens yet
        }
        return tokens;
    }

    @Override
    public void rememberToken(Server server, String token) {
        entered.put(ConsoleCredentials.key(server), token);
    }

    @Override
    public void forgetToken(Server server) throws IOException {
        String key = ConsoleCredentials.key(server);
        entered.remove(key);
        if (tokensFile == null || !Files.exists(tokensFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(tokensFile, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (!key.equals(keyOf(line))) {
                kept.add(line);
            }
        }
        if (kept.size() != lines.size()) {
            AtomicFiles.write(tokensFile, true, out -> out.write(
                    (String.join("\n", kept) + (kept.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The key a line of the tokens file defines (lower case), null for comments and blank lines. */
    private static String keyOf(String line) throws IOException {
        Properties one = new Properties();
        one.load(new StringReader(line));
        return one.isEmpty() ? null : ((String) one.keys().nextElement()).toLowerCase(Locale.ROOT);
    }

    @Override
    public List<StoredCredential> stored() throws IOException {
        Map<String, StoredCredential> all = new TreeMap<>();
        Set<String> inFile = new TreeSet<>();
        for (Object key : readTokens().keySet()) {
            inFile.add(((String) key).toLowerCase(Locale.ROOT));
        }
        for (String key : entered.keySet()) {
            putIfAddress(all, key, inFile.contains(key) ? TokenKept.STORED : TokenKept.THIS_RUN, null);
        }
        for (String key : inFile) {
            putIfAddress(all, key, TokenKept.STORED, null);
        }
        for (Map.Entry<String, String> pin : pins.all().entrySet()) {
            StoredCredential withToken = all.get(pin.getKey());
            putIfAddress(all, pin.getKey(), withToken == null ? TokenKept.NONE : withToken.token(), pin.getValue());
        }
        List<StoredCredential> sorted = new ArrayList<>(all.values());
        sorted.sort(StoredCredential.BY_ADDRESS);
        return sorted;
    }

    private static void putIfAddress(Map<String, StoredCredential> all, String key, TokenKept token, String pin) {
        try {
            all.put(key, StoredCredential.of(key, token, pin));
        } catch (IllegalArgumentException e) {
            // a line that names no agent: not the console's to list
        }
    }

    @Override
    public void forgetPin(String host, int port) throws IOException {
        pins.forget(host, port);
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
