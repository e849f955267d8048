package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.console.ui.internal.StoredCredential.TokenKept;
import outpost.servers.Server;

/** The --tokens and --known-agents files: what the Stored Credentials page lists and forgets, on real files. */
class FileCredentialsTest {

    private static final Server WEB = new Server("web", "web-01.example", 5005, "");

    @TempDir
    Path directory;

    private Path tokens;
    private Path known;

    private FileCredentials credentials() throws IOException {
        tokens = directory.resolve("tokens.properties");
        known = directory.resolve("known_agents");
        Files.writeString(tokens, """
                # tokens of the lab
                web-01.example\\:5005=s3cret
                db-01.example\\:5005 = other
                """);
        Files.writeString(known, "web-01.example\\:5005=SHA256\\:web\nlone.example\\:6006=SHA256\\:lone\n");
        return new FileCredentials(tokens, known);
    }

    @Test
    void listsEveryAgentWithATokenOrAPinButNeverTheToken() throws IOException {
        FileCredentials store = credentials();
        store.rememberToken(new Server("typed", "typed.example", 5005, ""), "typed-now");
        assertEquals(List.of(
                new StoredCredential("db-01.example", 5005, TokenKept.STORED, null),
                new StoredCredential("lone.example", 6006, TokenKept.NONE, "SHA256:lone"),
                new StoredCredential("typed.example", 5005, TokenKept.THIS_RUN, null),
                new StoredCredential("web-01.example", 5005, TokenKept.STORED, "SHA256:web")), store.stored(),
                "a token typed this run is not said to be stored: the tokens file is never added to");
        assertTrue(store.stored().toString().indexOf("s3cret") < 0);
    }

    @Test
    void forgettingATokenRemovesOnlyItsLineAndKeepsEveryOtherLine() throws IOException {
        FileCredentials store = credentials();
        store.forgetToken(WEB);
        assertEquals("# tokens of the lab\ndb-01.example\\:5005 = other\n", Files.readString(tokens));
        assertEquals(Optional.empty(), store.token(WEB));
        assertEquals(Optional.of("SHA256:web"), store.pins().fingerprint("web-01.example", 5005), "the pin stays");
    }

    @Test
    void forgettingAPinLeavesTheOtherPinsAndTheToken() throws IOException {
        FileCredentials store = credentials();
        store.forgetPin("WEB-01.example", 5005);
        assertEquals(Optional.empty(), store.pins().fingerprint("web-01.example", 5005));
        assertEquals(Optional.of("SHA256:lone"), store.pins().fingerprint("lone.example", 6006));
        assertEquals(Optional.of("s3cret"), store.token(WEB));
    }
}
