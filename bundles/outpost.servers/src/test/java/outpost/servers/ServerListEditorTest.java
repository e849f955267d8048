package outpost.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.testing.Conditions;

/** The list editor on real files: what others wrote is kept, merged into or refused, never lost. */
class ServerListEditorTest {

    private static final String LAB = """
            name,host,port,group
            web,127.0.0.1,5005,lab
            broken-row,127.0.0.1,notaport,lab
            """;
    private static final Duration SLOW_POLL = Duration.ofHours(1);

    @TempDir
    Path directory;
    private ServerListEditor editor;
    private final List<ServerListDocument> reloads = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (editor != null) {
            editor.close();
        }
    }

    private Path listFile(String text) throws Exception {
        Path file = directory.resolve("servers.csv");
        Files.writeString(file, text);
        return file;
    }

    private ServerListEditor editor(Path file, Duration poll) throws Exception {
        editor = new ServerListEditor(file, ServerListDocument.empty(), reloads::add, poll);
        editor.load().get(10, TimeUnit.SECONDS);
        return editor;
    }

    private ServerListEditor.Outcome submit(ServerListEditor.Edit edit, boolean mayConvert) throws Exception {
        return editor.submit(edit, mayConvert).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnreadableRowSurvivesAnAdd() throws Exception {
        Path file = listFile(LAB);
        editor(file, SLOW_POLL);
        ServerListEditor.Outcome outcome = submit(new ServerListEditor.Add(new Server("db", "127.0.0.2", 5006, "lab")), false);
        assertTrue(outcome.applied());
        assertEquals(LAB + "db,127.0.0.2,5006,lab\n", Files.readString(file));
        assertEquals(1, outcome.document().problems().size(), "the skipped row is still reported");
    }

    @Test
    void aRowAppendedByHandSurvivesTheNextSaveAndTheUserIsTold() throws Exception {
        Path file = listFile(LAB);
        editor(file, SLOW_POLL);
        Files.writeString(file, LAB + "by hand,127.0.0.3,5007,lab\n");
        ServerListEditor.Outcome outcome = submit(new ServerListEditor.Remove(List.of(Server.of("127.0.0.1", 5005))), false);
        assertTrue(outcome.applied());
        assertEquals("""
                name,host,port,group
                broken-row,127.0.0.1,notaport,lab
                by hand,127.0.0.3,5007,lab
                """, Files.readString(file));
        assertTrue(outcome.message().contains("changed outside the console"), outcome.message());
    }

    @Test
    void anEditOfAServerRemovedOutsideIsRefusedAndTheFileKept() throws Exception {
        Path file = listFile(LAB);
        editor(file, SLOW_POLL);
        String outside = "name,host,port,group\nbroken-row,127.0.0.1,notaport,lab\n";
        Files.writeString(file, outside);
        ServerListEditor.Outcome outcome = submit(new ServerListEditor.Replace(new Server("web", "127.0.0.1", 5005, "lab"),
                new Server("web 2", "127.0.0.1", 5005, "lab")), false);
        assertFalse(outcome.applied());
        assertTrue(outcome.message().contains("removed from the list file outside the console"), outcome.message());
        assertEquals(outside, Files.readString(file));
        assertEquals(List.of(), outcome.document().servers(), "the caller is given the file's version");
    }

    @Test
    void aSaveKeepsTheFilesMode() throws Exception {
        Path file = listFile(LAB);
        assumeTrue(Files.getFileAttributeView(file, PosixFileAttributeView.class) != null, "POSIX file system");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        editor(file, SLOW_POLL);
        submit(new ServerListEditor.Add(Server.of("127.0.0.2", 5006)), false);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anIpPortFileStaysTwoColumnsAndIsConvertedOnlyWhenAllowedKeepingABackup() throws Exception {
        String original = "127.0.0.1,5005\n127.0.0.1,5006\n";
        Path file = listFile(original);
        boolean posix = Files.getFileAttributeView(file, PosixFileAttributeView.class) != null;
        if (posix) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------")); // a private list
        }
        editor(file, SLOW_POLL);
        submit(new ServerListEditor.Add(Server.of("127.0.0.1", 5007)), false);
        String twoColumns = original + "127.0.0.1,5007\n";
        assertEquals(twoColumns, Files.readString(file), "no names invented, no header");

        ServerListEditor.Add named = new ServerListEditor.Add(new Server("web", "127.0.0.1", 5008, ""));
        ServerListEditor.Outcome declined = submit(named, false);
        assertFalse(declined.applied());
        assertEquals(twoColumns, Files.readString(file), "declining leaves the file untouched");
        assertFalse(Files.exists(editor.backup()));

        ServerListEditor.Outcome converted = submit(named, true);
        assertTrue(converted.applied());
        assertEquals("name,host,port,group\n\"\",127.0.0.1,5005,\n\"\",127.0.0.1,5006,\n\"\",127.0.0.1,5007,\nweb,127.0.0.1,5008,\n",
                Files.readString(file));
        assertEquals(twoColumns, Files.readString(editor.backup()));
        if (posix) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(editor.backup())),
                    "the copy of a private list is as private");
        }
        assertTrue(converted.message().contains("servers.csv.bak"), converted.message());
    }

    @Test
    void aChangeMadeOutsideIsReportedWhenTheFileIsPolled() throws Exception {
        Path file = listFile(LAB);
        editor(file, Duration.ofMillis(50));
        Files.writeString(file, LAB + "by hand,127.0.0.3,5007,lab\n");
        waitUntil(() -> !reloads.isEmpty());
        assertEquals(List.of("web", "by hand"), reloads.get(reloads.size() - 1).servers().stream().map(Server::name).toList());
    }

    @Test
    void aFileThatDoesNotExistYetIsWrittenWithTheFirstEdit() throws Exception {
        Path file = directory.resolve("new/servers.csv");
        editor(file, SLOW_POLL);
        submit(new ServerListEditor.Add(new Server("web", "127.0.0.1", 5005, "")), false);
        assertEquals("name,host,port,group\nweb,127.0.0.1,5005,\n", Files.readString(file));
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        Conditions.waitUntil("the condition holds", condition, Duration.ofSeconds(10));
    }
}
