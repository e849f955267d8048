package outpost.servers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of an add or edit dialog, as typed, and what is wrong with them. A dialog shows the
 * first problem and enables OK only when there is none.
 */
public record ServerForm(String name, String host, String port, String group) {

    public ServerForm {
        name = strip(name);
        host = strip(host);
        port = strip(port);
        group = strip(group);
    }

    /** The fields of an existing server, for editing (an empty name when it has none of its own). */
    public static ServerForm of(Server server) {
        return new ServerForm(server.hasName() ? server.name() : "", server.host(), Integer.toString(server.port()),
                server.group());
    }

    /**
     * What keeps the form from being saved into the list, in field order; empty when it can be.
     *
     * @param editing the server being edited (its own host and port are not a duplicate), or null
     */
    public List<String> problems(ServerList list, Server editing) {
        List<String> problems = new ArrayList<>();
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (host.isEmpty()) {
            problems.add("Enter a host: a DNS name, an IPv4 or an IPv6 address.");
        } else if (!Server.isValidHost(bareHost)) {
            problems.add("'" + host + "' is neither a DNS name nor an IPv4 or IPv6 address.");
        }
        Optional<Integer> number = portNumber();
        if (number.isEmpty()) {
            problems.add("The port must be a number from 1 to 65535.");
        }
        if (problems.isEmpty()) {
            Server server = toServer();
            list.find(server).filter(other -> editing == null || !other.equals(editing)).ifPresent(other -> problems
                    .add(server.endpoint() + " is already in the list as '" + other.name() + "'."));
        }
        return problems;
    }

    /**
     * The server the form describes; without a name it is called by its host:port.
     *
     * @throws IllegalArgumentException when {@link #problems} has something to say about the fields
     */
    public Server toServer() {
        return new Server(name, host, portNumber().orElseThrow(() -> new IllegalArgumentException(
                "port must be a number from 1 to 65535, not '" + port + "'")), group);
    }

    private Optional<Integer> portNumber() {
        if (!port.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535 ? Optional.of(number) : Optional.empty();
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
