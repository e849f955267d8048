package outpost.explorer.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.Viewer;

import outpost.servers.Server;
import outpost.servers.ServerList;

/**
 * The server list as a tree: groups, then their servers. The input is a {@link ServerList} or the
 * explorer's {@link Rows}.
 */
final class ServerTreeContent implements ITreeContentProvider {

    /**
     * The list file's servers and a broker's agents, which never share an endpoint (an agent of the
     * broker has port 0, which no list server has). Not a {@link ServerList}: making one checks
     * each row against every other, which for a broker's 2,000 agents was a good part of showing
     * them (docs/BENCHMARKS.md).
     */
    record Rows(List<Server> servers) {
        Rows {
            servers = List.copyOf(servers);
        }
    }

    private Map<String, ServerGroup> groups = Map.of();

    @Override
    public void inputChanged(Viewer viewer, Object oldInput, Object newInput) {
        groups = newInput instanceof ServerList list ? groupsOf(list.servers())
                : newInput instanceof Rows rows ? groupsOf(rows.servers()) : Map.of();
    }

    static Map<String, ServerGroup> groupsOf(List<Server> servers) {
        Map<String, List<Server>> byName = new LinkedHashMap<>();
        for (Server server : servers) {
            byName.computeIfAbsent(server.group(), name -> new java.util.ArrayList<>()).add(server);
        }
        Map<String, ServerGroup> groups = new LinkedHashMap<>();
        byName.forEach((name, members) -> groups.put(name, new ServerGroup(name, members)));
        return groups;
    }

    @Override
    public Object[] getElements(Object input) {
        return groups.values().toArray();
    }

    @Override
    public Object[] getChildren(Object parent) {
        return parent instanceof ServerGroup group ? group.servers().toArray() : new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        return element instanceof Server server ? groups.get(server.group()) : null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof ServerGroup;
    }
}
