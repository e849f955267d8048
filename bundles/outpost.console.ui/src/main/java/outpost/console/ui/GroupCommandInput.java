package outpost.console.ui;

import java.util.List;
import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

import outpost.servers.Server;

/**
 * The input of a group command's results editor: one command line and the servers it goes to.
 * Every run is its own editor (equal only to itself), so running the same line again keeps the
 * earlier results open beside the new ones.
 */
public final class GroupCommandInput implements IEditorInput {

    private final String commandLine;
    private final List<Server> servers;

    public GroupCommandInput(String commandLine, List<Server> servers) {
        this.commandLine = Objects.requireNonNull(commandLine, "commandLine");
        this.servers = List.copyOf(servers);
        if (commandLine.isBlank() || this.servers.isEmpty()) {
            throw new IllegalArgumentException("a group command needs a command line and at least one server");
        }
    }

    public String commandLine() {
        return commandLine;
    }

    /** The servers, in the order their rows are shown. */
    public List<Server> servers() {
        return servers;
    }

    @Override
    public boolean exists() {
        return false; // not restored across restarts: the run is over by then
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return null;
    }

    @Override
    public String getName() {
        return commandLine;
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return commandLine + " on " + servers.size() + (servers.size() == 1 ? " server: " : " servers: ")
                + String.join(", ", servers.stream().map(Server::name).toList());
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }
}
