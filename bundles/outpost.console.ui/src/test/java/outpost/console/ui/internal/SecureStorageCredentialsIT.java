package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.servers.Server;

/** In OSGi (secure storage needs its bundle running): tokens and pins in a real secure storage file (with a given password instead of a prompt). */
class SecureStorageCredentialsIT {

    @TempDir
    Path directory;

    private ISecurePreferences open(Path file) throws Exception {
        return SecurePreferencesFactory.open(file.toUri().toURL(), Map.of(IProviderHints.PROMPT_USER, false,
                IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("correct horse".toCharArray())));
    }

    @Test
    void tokensAreEncryptedPinsAreKeptAndBothSurviveAReopen() throws Exception {
        Path file = directory.resolve("secure_storage");
        Server web = new Server("web", "WEB-01", 5005, "prod");
        SecureStorageCredentials store = new SecureStorageCredentials(open(file));
        assertEquals(Optional.empty(), store.token(web));
        assertEquals(Optional.empty(), store.fingerprint("web-01", 5005));
        store.rememberToken(web, "s3cret-token");
        store.pins().remember("web-01", 5005, "SHA256:abc");

        String onDisk = Files.readString(file);
        assertFalse(onDisk.contains("s3cret-token"), "the token is encrypted on disk");

        SecureStorageCredentials reopened = new SecureStorageCredentials(open(file));
        assertEquals(Optional.of("s3cret-token"), reopened.token(new Server("other name", "web-01", 5005, null)));
        assertEquals(Optional.of("SHA256:abc"), reopened.fingerprint("Web-01", 5005));
        assertEquals(Optional.empty(), reopened.fingerprint("web-01", 5006), "pins are per address");

        reopened.forgetToken(web);
        assertEquals(Optional.empty(), new SecureStorageCredentials(open(file)).token(web));
        assertEquals(Optional.of("SHA256:abc"), new SecureStorageCredentials(open(file)).fingerprint("web-01", 5005),
                "forgetting a token keeps the pin");
    }

    @Test
    void theStoredCredentialsAreListedWithoutTheTokenAndAPinCanBeForgotten() throws Exception {
        Path file = directory.resolve("secure_storage");
        SecureStorageCredentials store = new SecureStorageCredentials(open(file));
        assertEquals(java.util.List.of(), store.stored(), "nothing stored yet");
        store.rememberToken(new Server("web", "web-01", 5005, ""), "s3cret-token");
        store.remember("web-01", 5005, "SHA256:abc");
        store.remember("fe80::1", 6006, "SHA256:v6");
        assertEquals(java.util.List.of(new StoredCredential("fe80::1", 6006, StoredCredential.TokenKept.NONE, "SHA256:v6"),
                new StoredCredential("web-01", 5005, StoredCredential.TokenKept.STORED, "SHA256:abc")), store.stored());

        store.forgetPin("web-01", 5005);
        SecureStorageCredentials reopened = new SecureStorageCredentials(open(file));
        assertEquals(java.util.List.of(new StoredCredential("fe80::1", 6006, StoredCredential.TokenKept.NONE, "SHA256:v6"),
                new StoredCredential("web-01", 5005, StoredCredential.TokenKept.STORED, null)), reopened.stored());
        reopened.forgetToken(new Server("web", "web-01", 5005, ""));
        assertEquals(java.util.List.of(new StoredCredential("fe80::1", 6006, StoredCredential.TokenKept.NONE, "SHA256:v6")), reopened.stored(),
                "an address with nothing left is not listed");
    }
}
