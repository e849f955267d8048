package outpost.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerListFileTest {

    @TempDir
    Path directory;

    @Test
    void savesReplaceTheFileAndLeaveNoTemporaryFiles() throws IOException {
        Path file = directory.resolve("servers.csv");
        ServerListFile.save(file, List.of(Server.of("127.0.0.1", 5005)));
        ServerListFile.save(file, List.of(Server.of("127.0.0.2", 5005), Server.of("127.0.0.3", 5006)));
        assertEquals(List.of(Server.of("127.0.0.2", 5005), Server.of("127.0.0.3", 5006)), ServerListFile.load(file).servers());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedSaveLeavesNoTemporaryFileBehind() throws IOException {
        Path blocked = directory.resolve("servers.csv");
        Files.createDirectories(blocked.resolve("not-empty"));
        assertThrows(IOException.class, () -> ServerListFile.save(blocked, List.of(Server.of("127.0.0.1", 5005))));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(blocked), files.toList());
        }
    }

    @Test
    void saveCreatesMissingFolders() throws IOException {
        Path file = directory.resolve("a/b/servers.csv");
        ServerListFile.save(file, List.of(Server.of("127.0.0.1", 5005)));
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void aMissingFileIsAnEmptyList() throws IOException {
        ServerListReadResult result = ServerListFile.load(directory.resolve("none.csv"));
        assertTrue(result.servers().isEmpty() && result.problems().isEmpty());
    }

    @Test
    void aByteOrderMarkFromASpreadsheetIsIgnored() throws IOException {
        Path file = directory.resolve("excel.csv");
        Files.writeString(file, "\uFEFFname,host,port,group\r\nweb,127.0.0.1,5005,prod\r\n", StandardCharsets.UTF_8);
        assertEquals(List.of(new Server("web", "127.0.0.1", 5005, "prod")), ServerListFile.load(file).servers());
    }
}
