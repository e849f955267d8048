package outpost.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path directory;

    @Test
    void aReplacedFileKeepsItsMode() throws IOException {
        assumePosix();
        Path file = directory.resolve("servers.csv");
        Files.writeString(file, "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.write(file, false, out -> out.write("new\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new\n", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.replace(file, ContentHash.of("new\n".getBytes(StandardCharsets.UTF_8)),
                out -> out.write("newer\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aNewFileIsReadableByAllAndASecretByItsOwnerOnly() throws IOException {
        assumePosix();
        Path list = directory.resolve("list.csv");
        AtomicFiles.write(list, false, out -> out.write('x'));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(list)));
        Path secret = directory.resolve("tokens");
        Files.writeString(secret, "old");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.write(secret, true, out -> out.write('x'));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    }

    @Test
    void aReplacedFileKeepsItsOwnerAndGroupWhereTheUserMaySetThem() throws IOException {
        assumePosix();
        assumeTrue("root".equals(System.getProperty("user.name")), "only root may give a file to another user");
        UserPrincipal nobody;
        try {
            nobody = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        } catch (UserPrincipalNotFoundException e) {
            assumeTrue(false, "no user 'nobody' here");
            return;
        }
        Path file = directory.resolve("servers.csv");
        Files.writeString(file, "old\n");
        Files.setOwner(file, nobody);
        AtomicFiles.write(file, false, out -> out.write('x'));
        assertEquals(nobody, Files.getOwner(file));
    }

    @Test
    void replaceRefusesAFileChangedSinceItWasRead() throws IOException {
        Path file = directory.resolve("servers.csv");
        Files.writeString(file, "read\n");
        ContentHash read = ContentHash.ofFile(file);
        Files.writeString(file, "read\nappended by hand\n");
        assertThrows(FileChangedException.class,
                () -> AtomicFiles.replace(file, read, out -> out.write("mine\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("read\nappended by hand\n", Files.readString(file), "the other change is kept");
        assertOnly(file);

        AtomicFiles.replace(file, ContentHash.ofFile(file), out -> out.write("mine\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("mine\n", Files.readString(file));
    }

    @Test
    void replaceOfAFileThatDidNotExistRefusesOneCreatedMeanwhile() throws IOException {
        Path file = directory.resolve("servers.csv");
        assertEquals(ContentHash.ABSENT, ContentHash.ofFile(file));
        Files.writeString(file, "created by hand\n");
        assertThrows(FileChangedException.class, () -> AtomicFiles.replace(file, ContentHash.ABSENT, out -> out.write('x')));
        assertEquals("created by hand\n", Files.readString(file));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = directory.resolve("servers.csv");
        Files.writeString(file, "old\n");
        assertThrows(IOException.class, () -> AtomicFiles.write(file, false, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(file));
        assertOnly(file);
    }

    @Test
    void missingFoldersAreCreated() throws IOException {
        Path file = directory.resolve("a/b/servers.csv");
        AtomicFiles.write(file, false, out -> out.write('x'));
        assertEquals("x", Files.readString(file));
    }

    private void assertOnly(Path file) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    private void assumePosix() {
        assumeTrue(Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null, "POSIX file system");
    }
}
