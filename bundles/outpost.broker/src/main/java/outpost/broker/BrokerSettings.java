package outpost.broker;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the MQTT broker.
 *
 * @param url          {@code ssl://host:8883} (TLS, the default and what production uses) or {@code tcp://host:1883}
 * @param clientId     the MQTT client id: an agent's id, or a console's id; the shipped ACL keys on it
 * @param username     the broker account, if the broker asks for one
 * @param passwordFile the file holding that account's password (one line), read when the link starts
 * @param caFile       PEM certificates of the CA that signed the broker's certificate (host name checked)
 * @param fingerprint  instead of a CA: the broker certificate's SHA-256 fingerprint ({@code SHA256:AB:CD:...})
 * @param keepAlive    MQTT keep-alive: the broker ends the link (and publishes an agent's will) after 1.5 times this silent
 */
public record BrokerSettings(URI url, String clientId, Optional<String> username, Optional<Path> passwordFile,
        Optional<Path> caFile, Optional<String> fingerprint, Duration keepAlive) {

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

    public BrokerSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(keepAlive, "keepAlive");
        if (!"ssl".equals(url.getScheme()) && !"tcp".equals(url.getScheme())) {
            throw new IllegalArgumentException("broker url must start with ssl:// (or tcp:// without TLS): " + url);
        }
        if (url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException("broker url needs a host and a port, e.g. ssl://127.0.0.1:8883: " + url);
        }
        Topics.requireId("client id", clientId);
        if (caFile.isPresent() && fingerprint.isPresent()) {
            throw new IllegalArgumentException("give the broker's CA file or its fingerprint, not both");
        }
        if (keepAlive.toSeconds() < 1 || keepAlive.toSeconds() > 65535) {
            throw new IllegalArgumentException("keep-alive must be between 1 and 65535 s: " + keepAlive.toSeconds());
        }
    }

    /** TLS trusted by the JDK's CAs, no account, keep-alive {@link #DEFAULT_KEEP_ALIVE}. */
    public static BrokerSettings of(String url, String clientId) {
        try {
            return new BrokerSettings(new URI(url.strip()), clientId, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), DEFAULT_KEEP_ALIVE);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a broker url: " + url, e);
        }
    }

    public BrokerSettings withAccount(String user, Path password) {
        return new BrokerSettings(url, clientId, Optional.of(user), Optional.of(password), caFile, fingerprint, keepAlive);
    }

    public BrokerSettings withCaFile(Path file) {
        return new BrokerSettings(url, clientId, username, passwordFile, Optional.of(file), Optional.empty(), keepAlive);
    }

    public BrokerSettings withFingerprint(String sha256) {
        return new BrokerSettings(url, clientId, username, passwordFile, Optional.empty(), Optional.of(sha256), keepAlive);
    }

    public BrokerSettings withKeepAlive(Duration interval) {
        return new BrokerSettings(url, clientId, username, passwordFile, caFile, fingerprint, interval);
    }

    public boolean tls() {
        return "ssl".equals(url.getScheme());
    }

    /** The password file's first line, without its line end. */
    public Optional<byte[]> readPassword() throws IOException {
        if (passwordFile.isEmpty()) {
            return Optional.empty();
        }
        String text = Files.readString(passwordFile.get(), StandardCharsets.UTF_8);
        return Optional.of(text.lines().findFirst().orElse("").getBytes(StandardCharsets.UTF_8));
    }
}
