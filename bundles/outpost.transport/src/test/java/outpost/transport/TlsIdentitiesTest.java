package outpost.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentitiesTest {

    @TempDir
    Path folder;

    @Test
    void createsTheKeyStoreOnceAndReadsTheSameIdentityAfterwards() throws IOException {
        Path file = folder.resolve("agent-identity.p12");
        TlsIdentity created = TlsIdentities.loadOrCreate(file, "host,with=odd\"chars");

        assertTrue(Files.isRegularFile(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(created.certificate().getSubjectX500Principal().getName().contains("O=Outpost agent"));
        assertEquals(created.fingerprint(), TlsIdentities.loadOrCreate(file, "other").fingerprint());
        assertEquals(created.fingerprint(), TlsIdentities.loadIfPresent(file).orElseThrow().fingerprint());
        assertEquals(created.privateKey(), TlsIdentities.loadIfPresent(file).orElseThrow().privateKey());
    }

    @Test
    void loadIfPresentCreatesNothing() throws IOException {
        Path file = folder.resolve("agent-identity.p12");

        assertFalse(TlsIdentities.loadIfPresent(file).isPresent());
        assertFalse(Files.exists(file));
    }

    @Test
    void aDamagedKeyStoreIsReportedNotReplaced() throws IOException {
        Path file = folder.resolve("agent-identity.p12");
        Files.write(file, new byte[] { 0x30, 0x03, 0x02, 0x01 });

        IOException loading = assertThrows(IOException.class, () -> TlsIdentities.loadIfPresent(file));
        assertTrue(loading.getMessage().contains(file.toString()), loading.getMessage());
        assertThrows(IOException.class, () -> TlsIdentities.loadOrCreate(file, "host"));
        assertEquals(4, Files.size(file));
    }
}
