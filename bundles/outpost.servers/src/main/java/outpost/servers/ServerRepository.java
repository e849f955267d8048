package outpost.servers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The user's server list and where it is kept. Offered as an OSGi service. Methods do file I/O:
 * never call them on a UI thread.
 */
public interface ServerRepository {

    /** Framework or system property naming the server list file. */
    String FILE_PROPERTY = "outpost.servers";

    /** The file the list is loaded from and saved to. */
    Path file();

    /**
     * Loads the list. When the file does not exist yet the list holds the agent on this machine
     * ({@code 127.0.0.1:5005}), so a first start has something to connect to.
     */
    ServerListReadResult load() throws IOException;

    /**
     * Makes the file hold these servers: rows of others removed, changed rows rewritten in place,
     * new ones appended; comments and unreadable rows kept. Converts an {@code ip,port} file to the
     * header form when a server has a name or a group.
     */
    void save(List<Server> servers) throws IOException;

    /**
     * An editor of the list file that watches it for changes made outside; close it when done.
     *
     * @param listener told (on the editor's thread) when the file was changed outside and reloaded
     */
    ServerListEditor edit(ServerListEditor.Listener listener);
}
