package outpost.explorer.ui.internal;

import java.util.List;

import outpost.explorer.ui.ServerExplorer;
import outpost.servers.Server;

/**
 * A group row of the tree. Equal by name only, so the tree keeps a group expanded while its
 * servers change.
 */
final class ServerGroup {

    private final String name;
    private final List<Server> servers;

    ServerGroup(String name, List<Server> servers) {
        this.name = name;
        this.servers = List.copyOf(servers);
    }

    /** The group as written in the list file; "" for servers without a group. */
    String name() {
        return name;
    }

    String label() {
        return name.isEmpty() ? ServerExplorer.NO_GROUP : name;
    }

    List<Server> servers() {
        return servers;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerGroup group && group.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return label();
    }
}
