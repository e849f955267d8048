package outpost.servers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.servers.Server;

class FileServerRepositoryTest {

    @TempDir
    Path directory;

    @Test
    void firstStartOffersTheLocalAgentUntilSomethingIsSaved() throws Exception {
        FileServerRepository repository = new FileServerRepository(directory.resolve("servers.csv"));
        assertEquals(List.of(new Server("local agent", "127.0.0.1", 5005, "local")), repository.load().servers());
        repository.save(List.of(Server.of("127.0.0.7", 5005)));
        assertEquals(List.of(Server.of("127.0.0.7", 5005)), repository.load().servers());
    }
}
