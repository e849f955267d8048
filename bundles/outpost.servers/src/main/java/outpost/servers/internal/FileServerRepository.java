package outpost.servers.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import outpost.files.FileChangedException;
import outpost.servers.Server;
import outpost.servers.ServerListDocument;
import outpost.servers.ServerListEditor;
import outpost.servers.ServerListFile;
import outpost.servers.ServerListReadResult;
import outpost.servers.ServerRepository;

/** The server list in a CSV file: the {@value #FILE_PROPERTY} property, or ~/.outpost/servers.csv. */
@Component(service = ServerRepository.class)
public final class FileServerRepository implements ServerRepository {

    static final Server LOCAL_AGENT = new Server("local agent", "127.0.0.1", 5005, "local");
    /** How often an editor looks at the file for changes made outside the console. */
    private static final Duration POLL = Duration.ofSeconds(1);

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
        return current().document().toReadResult();
    }

    @Override
    public void save(List<Server> servers) throws IOException {
        for (int attempt = 1;; attempt++) {
            ServerListFile.Version version = current();
            ServerListDocument document = version.document();
            if (!servers.stream().allMatch(document::canHold)) {
                document = document.toHeaderForm();
            }
            try {
                ServerListFile.write(file, document.withServers(servers), version.hash());
                return;
            } catch (FileChangedException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Override
    public ServerListEditor edit(ServerListEditor.Listener listener) {
        return new ServerListEditor(file, firstStartList(), listener, POLL);
    }

    private ServerListFile.Version current() throws IOException {
        ServerListFile.Version version = ServerListFile.read(file);
        return version == ServerListFile.Version.ABSENT ? new ServerListFile.Version(firstStartList(), version.hash()) : version;
    }

    private static ServerListDocument firstStartList() {
        return ServerListDocument.empty().add(LOCAL_AGENT);
    }
}
