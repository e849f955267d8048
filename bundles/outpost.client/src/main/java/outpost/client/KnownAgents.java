package outpost.client;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import outpost.files.AtomicFiles;

/**
 * Pinned certificate fingerprints of agents, SSH known-hosts style: one {@code host:port=SHA256:...}
 * line per agent in a properties file, rewritten atomically when an agent is added. Every lookup
 * reads the file, so edits by hand or by another client count at once.
 */
public final class KnownAgents implements PinStore {

    private final Path file;
    private final boolean keepParsed;
    /** With keepParsed: the file's bytes when last parsed, and what they said; null before. */
    private byte[] parsedBytes;
    private Properties parsed;

    /** Pins in {@code file}, parsed at every lookup (an instance per session costs no memory). */
    public KnownAgents(Path file) {
        this(file, false);
    }

    private KnownAgents(Path file, boolean keepParsed) {
        this.file = file;
        this.keepParsed = keepParsed;
    }

    /**
     * Pins in {@code file} for one instance shared by many sessions (a fan-out looks up 200 agents):
     * it keeps the last parse and parses again only when the file's bytes changed.
     */
    public static KnownAgents sharedBySessions(Path file) {
        return new KnownAgents(file, true);
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
        return Optional.ofNullable(current().getProperty(key(host, port)));
    }

    @Override
    public synchronized void remember(String host, int port, String fingerprint) throws IOException {
        Properties known = new Properties();
        known.putAll(current());
        known.setProperty(key(host, port), fingerprint);
        store(known);
    }

    private void store(Properties known) throws IOException {
        AtomicFiles.write(file, false, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            known.store(writer, "Outpost: pinned agent certificates (host:port=fingerprint)");
            writer.flush();
        });
    }

    /** Every pin in the file, by {@code host:port}, sorted. */
    public synchronized Map<String, String> all() throws IOException {
        Map<String, String> pins = new TreeMap<>();
        current().forEach((key, value) -> pins.put((String) key, (String) value));
        return pins;
    }

    /** Removes the pin of an agent (the next connect is a first contact again); no write when there is none. */
    public synchronized void forget(String host, int port) throws IOException {
        Properties known = new Properties();
        known.putAll(current());
        if (known.remove(key(host, port)) == null) {
            return;
        }
        store(known);
    }

    /** The pins in the file now; not to be changed (it may be the one parsed before). */
    private Properties current() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            bytes = new byte[0]; // nobody known yet
        }
        if (parsed != null && Arrays.equals(bytes, parsedBytes)) {
            return parsed;
        }
        Properties known = new Properties();
        // a strict decoder, as Files.newBufferedReader: a file that is not UTF-8 is an error, not a guess
        known.load(new StringReader(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString()));
        if (keepParsed) {
            parsed = known;
            parsedBytes = bytes;
        }
        return known;
    }

    private static String key(String host, int port) {
        return host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }
}
