package outpost.agent.internal.authentication;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import outpost.protocol.Role;
import outpost.files.AtomicFiles;

/**
 * The tokens an agent accepts, kept as SHA-256 hashes with their roles in {@code tokens.properties}
 * (lines {@code NAME.sha256=HEX} and {@code NAME.roles=read,execute,admin}). On first start an
 * {@code admin} token with every role is created and its secret written, owner-readable only, to
 * the file {@code token}: the only place the secret exists.
 */
public final class TokenStore {

    public static final String TOKENS_FILE = "tokens.properties";
    public static final String TOKEN_FILE = "token";

    private final List<Entry> entries;

    private TokenStore(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    record Entry(String name, byte[] sha256, Set<Role> roles) {
    }

    /** A token that matched: its name and roles. */
    public record Grant(String name, Set<Role> roles) {
    }

    /** On a first start (no tokens file yet) creates the admin token; returns the file holding its secret. */
    public static Optional<Path> createIfMissing(Path dataDirectory) throws IOException {
        Path tokens = dataDirectory.resolve(TOKENS_FILE);
        if (Files.exists(tokens)) {
            return Optional.empty();
        }
        Files.createDirectories(dataDirectory);
        String secret = newSecret();
        Path tokenFile = dataDirectory.resolve(TOKEN_FILE);
        writeOwnerOnly(tokenFile, secret + "\n");
        Properties properties = new Properties();
        properties.setProperty("admin.sha256", HexFormat.of().formatHex(sha256(secret)));
        properties.setProperty("admin.roles", "read,execute,admin");
        StringWriter text = new StringWriter();
        properties.store(text, "Outpost agent tokens: NAME.sha256 is the SHA-256 of the token, NAME.roles its roles");
        writeOwnerOnly(tokens, text.toString());
        return Optional.of(tokenFile);
    }

    public static TokenStore load(Path tokens) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(tokens, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        List<Entry> entries = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.endsWith(".sha256")) {
                continue;
            }
            String name = key.substring(0, key.length() - ".sha256".length());
            byte[] hash;
            try {
                hash = HexFormat.of().parseHex(properties.getProperty(key).trim());
            } catch (IllegalArgumentException e) {
                throw new IOException(tokens + ": " + key + " is not a hexadecimal SHA-256");
            }
            if (hash.length != 32) {
                throw new IOException(tokens + ": " + key + " must be 64 hexadecimal digits");
            }
            entries.add(new Entry(name, hash, roles(tokens, name, properties.getProperty(name + ".roles", ""))));
        }
        if (entries.isEmpty()) {
            throw new IOException(tokens + " defines no token (NAME.sha256=...)");
        }
        return new TokenStore(entries);
    }

    private static Set<Role> roles(Path tokens, String name, String text) throws IOException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String word : text.split(",")) {
            if (word.isBlank()) {
                continue;
            }
            roles.add(Role.ofWireName(word.trim()).orElseThrow(() -> new IOException(tokens + ": " + name
                    + ".roles names an unknown role '" + word.trim() + "' (known: read, execute, admin)")));
        }
        if (roles.isEmpty()) {
            throw new IOException(tokens + ": token '" + name + "' has no roles (" + name + ".roles=read,...)");
        }
        return roles;
    }

    /** Every token's name and roles, never its hash: what an administrator may see. */
    public List<Grant> grants() {
        return entries.stream().map(entry -> new Grant(entry.name(), entry.roles())).toList();
    }

    /** Compares the presented token with every stored hash, in time independent of where they differ. */
    public Optional<Grant> authenticate(String presented) {
        byte[] hash = sha256(presented);
        Grant match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(hash, entry.sha256()) && match == null) {
                match = new Grant(entry.name(), entry.roles());
            }
        }
        return Optional.ofNullable(match);
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        AtomicFiles.write(file, true, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}
