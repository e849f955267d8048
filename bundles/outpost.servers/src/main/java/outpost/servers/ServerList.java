package outpost.servers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An edited server list: an immutable value whose changes return a new list. No two servers share
 * a host and port; a change that would make them do is refused with a message for users.
 */
public final class ServerList {

    private static final ServerList EMPTY = new ServerList(List.of());

    private final List<Server> servers;

    private ServerList(List<Server> servers) {
        this.servers = List.copyOf(servers);
    }

    public static ServerList empty() {
        return EMPTY;
    }

    /**
     * @throws IllegalArgumentException when two servers share a host and port
     */
    public static ServerList of(List<Server> servers) {
        ServerList list = EMPTY;
        for (Server server : servers) {
            list = list.add(server);
        }
        return list;
    }

    public List<Server> servers() {
        return servers;
    }

    public int size() {
        return servers.size();
    }

    /** The server with the same host and port, if any. */
    public Optional<Server> find(Server endpoint) {
        return servers.stream().filter(endpoint::sameEndpoint).findFirst();
    }

    /**
     * The list with the server appended.
     *
     * @throws IllegalArgumentException when a server with the same host and port is in the list
     */
    public ServerList add(Server server) {
        refuseDuplicate(server, null);
        List<Server> changed = new ArrayList<>(servers);
        changed.add(server);
        return new ServerList(changed);
    }

    /**
     * The list with {@code old} replaced by {@code edited}, in the same place.
     *
     * @throws IllegalArgumentException when {@code old} is not in the list, or when another server
     *                                  has the edited host and port
     */
    public ServerList replace(Server old, Server edited) {
        int index = servers.indexOf(old);
        if (index < 0) {
            throw new IllegalArgumentException("'" + old.name() + "' (" + old.endpoint() + ") is no longer in the list");
        }
        refuseDuplicate(edited, old);
        List<Server> changed = new ArrayList<>(servers);
        changed.set(index, edited);
        return new ServerList(changed);
    }

    /** The list without the given servers (those not in it are ignored). */
    public ServerList remove(Collection<Server> removed) {
        List<Server> changed = new ArrayList<>(servers);
        changed.removeAll(removed);
        return new ServerList(changed);
    }

    /**
     * Adds the servers read from another file. Servers whose host and port are already in the list
     * are not added twice but flagged; rows the file could not give are passed on as problems.
     */
    public ImportReport merge(ServerListReadResult imported) {
        List<Server> changed = new ArrayList<>(servers);
        List<Server> added = new ArrayList<>();
        List<ServerListProblem> duplicates = new ArrayList<>();
        for (Server server : imported.servers()) {
            Optional<Server> existing = changed.stream().filter(server::sameEndpoint).findFirst();
            if (existing.isPresent()) {
                duplicates.add(new ServerListProblem(imported.lineOf(server).orElse(0), server.endpoint()
                        + " is already in the list as '" + existing.get().name() + "': not added again"));
            } else {
                changed.add(server);
                added.add(server);
            }
        }
        return new ImportReport(new ServerList(changed), added, duplicates, imported.problems());
    }

    private void refuseDuplicate(Server server, Server exempt) {
        for (Server other : servers) {
            if (!other.equals(exempt) && other.sameEndpoint(server)) {
                throw new IllegalArgumentException(server.endpoint() + " is already in the list as '" + other.name() + "'");
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerList list && list.servers.equals(servers);
    }

    @Override
    public int hashCode() {
        return servers.hashCode();
    }

    @Override
    public String toString() {
        return servers.toString();
    }

    /**
     * What an import did.
     *
     * @param list       the list after the import
     * @param added      the servers added, in file order
     * @param duplicates servers of the file that were already in the list (line 0 when unknown)
     * @param problems   rows of the file that could not be read
     */
    public record ImportReport(ServerList list, List<Server> added, List<ServerListProblem> duplicates,
            List<ServerListProblem> problems) {

        public ImportReport {
            added = List.copyOf(added);
            duplicates = List.copyOf(duplicates);
            problems = List.copyOf(problems);
        }

        /** One line for a status bar, e.g. "3 servers added, 1 already in the list, 2 rows skipped". */
        public String summary() {
            return count(added.size(), "server", "servers") + " added, " + duplicates.size() + " already in the list, "
                    + count(problems.size(), "row", "rows") + " skipped";
        }

        /** Every flagged row, sorted by line. */
        public List<ServerListProblem> flagged() {
            List<ServerListProblem> all = new ArrayList<>(problems);
            all.addAll(duplicates);
            all.sort((a, b) -> Long.compare(a.line(), b.line()));
            return all;
        }

        private static String count(int n, String one, String many) {
            return n + " " + (n == 1 ? one : many);
        }
    }
}
