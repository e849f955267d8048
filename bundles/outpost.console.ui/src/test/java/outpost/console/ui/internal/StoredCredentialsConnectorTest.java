package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.client.SessionSettings;
import outpost.console.ui.ConsolePreferences;
import outpost.servers.Server;
import outpost.transport.TlsEngine;

/** The session settings the console's connections get from its preferences. */
class StoredCredentialsConnectorTest {

    @TempDir
    Path directory;

    @Test
    void theTlsEnginePreferenceReachesTheSessionSettings() throws IOException {
        Path known = directory.resolve("known_agents");
        Files.writeString(known, "");
        FileCredentials store = new FileCredentials(directory.resolve("tokens.properties"), known);
        Server web = new Server("web", "web-01.example", 5005, "");
        ConsolePreferences jdk = new ConsolePreferences(5005, Duration.ofSeconds(5), Duration.ofSeconds(15), true,
                Duration.ofSeconds(60), 10_000, Duration.ofSeconds(5), true, TlsEngine.JDK);
        SessionSettings settings = StoredCredentialsConnector.settings(web, "s3cret", store, jdk);
        assertEquals(TlsEngine.JDK, settings.tlsEngine());
        assertEquals(TlsEngine.AUTO, StoredCredentialsConnector.settings(web, "s3cret", store, ConsolePreferences.DEFAULTS).tlsEngine());
    }
}
