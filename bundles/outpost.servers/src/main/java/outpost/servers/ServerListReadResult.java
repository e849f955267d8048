package outpost.servers;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a server list file yielded: the servers taken and the rows refused, in file order.
 *
 * @param lines the line each server was read from, when it came from a file
 */
public record ServerListReadResult(List<Server> servers, List<ServerListProblem> problems, Map<Server, Long> lines) {

    public ServerListReadResult {
        servers = List.copyOf(servers);
        problems = List.copyOf(problems);
        lines = Map.copyOf(lines);
    }

    public ServerListReadResult(List<Server> servers, List<ServerListProblem> problems) {
        this(servers, problems, Map.of());
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The line the server was read from, if known. */
    public OptionalLong lineOf(Server server) {
        Long line = lines.get(server);
        return line == null ? OptionalLong.empty() : OptionalLong.of(line);
    }
}
