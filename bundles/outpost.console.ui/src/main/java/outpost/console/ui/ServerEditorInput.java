package outpost.console.ui;

import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

import outpost.servers.Server;

/**
 * The input of a console editor: one server. Two inputs are equal when they denote the same agent,
 * so opening a server whose console is already open brings that console to the front.
 */
public final class ServerEditorInput implements IEditorInput {

    private final Server server;

    public ServerEditorInput(Server server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    public Server server() {
        return server;
    }

    @Override
    public boolean exists() {
        return false; // not restored across restarts: a console needs a fresh connection
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return null;
    }

    @Override
    public String getName() {
        return server.name();
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return server.name() + " (" + server.endpoint() + ")";
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter.isInstance(server) ? adapter.cast(server) : null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerEditorInput input && input.server.sameEndpoint(server);
    }

    @Override
    public int hashCode() {
        return Objects.hash(server.host().toLowerCase(java.util.Locale.ROOT), server.port());
    }
}
