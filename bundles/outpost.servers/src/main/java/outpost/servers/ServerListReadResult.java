package outpost.servers;

import java.util.List;

/** What a server list file yielded: the servers taken and the rows refused, in file order. */
public record ServerListReadResult(List<Server> servers, List<ServerListProblem> problems) {

    public ServerListReadResult {
        servers = List.copyOf(servers);
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
