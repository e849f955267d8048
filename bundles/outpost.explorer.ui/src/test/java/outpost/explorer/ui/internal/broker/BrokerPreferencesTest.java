package outpost.explorer.ui.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import outpost.broker.BrokerSettings;

class BrokerPreferencesTest {

    @Test
    void noUrlIsNoBroker() {
        BrokerPreferences none = new BrokerPreferences(" ", "console-1", "", "", "", "");
        assertEquals(Optional.empty(), none.settings());
    }

    @Test
    void theFieldsMakeTheLinksSettings() {
        BrokerSettings settings = new BrokerPreferences(" ssl://127.0.0.1:8883 ", "alice-console", "alice-console",
                "/home/alice/.outpost/broker-password", "/home/alice/.outpost/broker-ca.pem", "").settings().orElseThrow();

        assertEquals("ssl://127.0.0.1:8883", settings.url().toString());
        assertEquals("alice-console", settings.clientId());
        assertEquals(Optional.of("alice-console"), settings.username());
        assertEquals(Optional.of(Path.of("/home/alice/.outpost/broker-password")), settings.passwordFile());
        assertEquals(Optional.of(Path.of("/home/alice/.outpost/broker-ca.pem")), settings.caFile());
        assertTrue(settings.tls());
    }

    @Test
    void whatCannotWorkIsSaidInWords() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BrokerPreferences("ssl://127.0.0.1:8883", "", "", "", "", "").settings()).getMessage()
                .contains("client id"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BrokerPreferences("ssl://127.0.0.1:8883", "c", "c", "", "", "").settings()).getMessage()
                .contains("password file"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BrokerPreferences("ssl://127.0.0.1:8883", "c", "", "", "/ca.pem", "SHA256:AB").settings())
                .getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BrokerPreferences("http://127.0.0.1:8883", "c", "", "", "", "").settings()).getMessage()
                .contains("ssl://"));
    }
}
