package outpost.client;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import outpost.transport.AtomicFiles;

/**
 * Pinned certificate fingerprints of agents, SSH known-hosts style: one {@code host:port=SHA256:...}
 * line per agent in a properties file, rewritten atomically when an agent is added.
 */
public final class KnownAgents implements PinStore {

    private final Path file;

    public KnownAgents(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public synchronized Optional<String> fingerprint(String host, int port) throws IOException {
        return Optional.ofNullable(load().getProperty(key(host, port)));
    }

    @Override
    public synchronized void remember(String host, int port, String fingerprint) throws IOException {
        Properties known = load();
        known.setProperty(key(host, port), fingerprint);
        AtomicFiles.write(file, false, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            known.store(writer, "Outpost: pinned agent certificates (host:port=fingerprint)");
            writer.flush();
        });
    }

    private Properties load() throws IOException {
        Properties known = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            known.load(reader);
        } catch (NoSuchFileException e) {
            // nobody known yet
        }
        return known;
    }

    private static String key(String host, int port) {
        return host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }
}
