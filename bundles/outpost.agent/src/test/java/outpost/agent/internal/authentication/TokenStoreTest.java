package outpost.agent.internal.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.protocol.Role;

class TokenStoreTest {

    @TempDir
    Path data;

    @Test
    void firstStartCreatesAnOwnerOnlyAdminTokenAndStoresOnlyItsHash() throws IOException {
        Path tokenFile = TokenStore.createIfMissing(data).orElseThrow();
        String secret = Files.readString(tokenFile).strip();
        assertTrue(secret.length() >= 40, "a long random token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String stored = Files.readString(data.resolve(TokenStore.TOKENS_FILE));
        assertTrue(!stored.contains(secret), "the tokens file holds no secret");
        TokenStore tokens = TokenStore.load(data.resolve(TokenStore.TOKENS_FILE));
        assertEquals(new TokenStore.Grant("admin", EnumSet.allOf(Role.class)), tokens.authenticate(secret).orElseThrow());
        assertTrue(tokens.authenticate(secret + "x").isEmpty());
        assertTrue(TokenStore.createIfMissing(data).isEmpty(), "an existing store is kept");
    }

    @Test
    void rolesComeFromTheFile() throws IOException {
        Files.writeString(data.resolve("t"), "viewer.sha256=" + HexFormat.of().formatHex(TokenStore.sha256("look"))
                + "\nviewer.roles=read\n");
        TokenStore tokens = TokenStore.load(data.resolve("t"));
        assertEquals(EnumSet.of(Role.READ), tokens.authenticate("look").orElseThrow().roles());
    }

    @Test
    void badFilesNameTheProblem() throws IOException {
        Path file = data.resolve("t");
        Files.writeString(file, "x.sha256=abc\nx.roles=read\n");
        assertTrue(assertThrows(IOException.class, () -> TokenStore.load(file)).getMessage().contains("x.sha256"));
        Files.writeString(file, "x.sha256=" + "0".repeat(64) + "\nx.roles=read,root\n");
        assertTrue(assertThrows(IOException.class, () -> TokenStore.load(file)).getMessage().contains("unknown role 'root'"));
        Files.writeString(file, "# nothing\n");
        assertTrue(assertThrows(IOException.class, () -> TokenStore.load(file)).getMessage().contains("defines no token"));
    }
}
