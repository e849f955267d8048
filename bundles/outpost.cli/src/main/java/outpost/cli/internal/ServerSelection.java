package outpost.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import outpost.servers.Server;
import outpost.servers.ServerListCsv;
import outpost.servers.ServerListProblem;
import outpost.servers.ServerListReadResult;

/** The servers a fan-out runs on: the list file's (read with {@link ServerListCsv}), of one group if asked. */
record ServerSelection(List<Server> servers, List<ServerListProblem> problems) {

    /** The one agent of --host and --port, for --json without a server list. */
    static ServerSelection single(String host, int port) throws CliArguments.UsageException {
        try {
            return new ServerSelection(List.of(Server.of(host, port)), List.of());
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException("--host: " + e.getMessage());
        }
    }

    /**
     * @throws CliArguments.UsageException when the file cannot be read or the group has no server
     */
    static ServerSelection read(Path file, String group) throws CliArguments.UsageException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliArguments.UsageException("the server list " + file + " does not exist");
        } catch (IOException e) {
            throw new CliArguments.UsageException("cannot read the server list " + file + ": " + e.getMessage());
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // spreadsheet programs write a byte order mark
        }
        ServerListReadResult read = ServerListCsv.read(text);
        List<Server> servers = read.servers();
        if (group != null) {
            servers = servers.stream().filter(server -> server.group().equalsIgnoreCase(group)).toList();
            if (servers.isEmpty()) {
                TreeSet<String> groups = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                read.servers().forEach(server -> groups.add(server.group().isEmpty() ? "(none)" : server.group()));
                throw new CliArguments.UsageException("no server of group '" + group + "' in " + file
                        + (groups.isEmpty() ? "" : " (its groups: " + String.join(", ", groups) + ")"));
            }
        } else if (servers.isEmpty() && !read.hasProblems()) {
            throw new CliArguments.UsageException("the server list " + file + " names no server");
        }
        return new ServerSelection(servers, read.problems());
    }
}
