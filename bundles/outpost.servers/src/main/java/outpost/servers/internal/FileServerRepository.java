package outpost.servers.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import outpost.servers.Server;
import outpost.servers.ServerListFile;
import outpost.servers.ServerListReadResult;
import outpost.servers.ServerRepository;

/** The server list in a CSV file: the {@value #FILE_PROPERTY} property, or ~/.outpost/servers.csv. */
@Component(service = ServerRepository.class)
public final class FileServerRepository implements ServerRepository {

    static final Server LOCAL_AGENT = new Server("local agent", "127.0.0.1", 5005, "local");

    private final Path file;

    @Activate
    public FileServerRepository(BundleContext context) {
        this(fileFrom(context.getProperty(FILE_PROPERTY)));
    }

    FileServerRepository(Path file) {
        this.file = file;
    }

    private static Path fileFrom(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".outpost", "servers.csv");
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public ServerListReadResult load() throws IOException {
        if (!Files.exists(file)) {
            return new ServerListReadResult(List.of(LOCAL_AGENT), List.of());
        }
        return ServerListFile.load(file);
    }

    @Override
    public void save(List<Server> servers) throws IOException {
        ServerListFile.save(file, servers);
    }
}
