package outpost.servers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One machine in the server list: a display name, where its agent listens, and the group it is
 * shown under. Identity for duplicates is host and port. A server given no name is called by its
 * {@link #endpoint()} ("host:port"), so that two agents on one host can be told apart; such a
 * server has no name of its own ({@link #hasName()}) and none is written into its list file.
 * <p>
 * A server {@linkplain #viaBroker(String, String) reached through the console's message broker}
 * (docs/BROKER.md) is not dialled: its host is the agent's id and its port
 * {@link #BROKER_PORT} (0), so its tokens and pinned certificate are kept under "ID:0", as
 * outpost-cli keeps them. Such servers come from the broker's fleet directory, never from a list file.
 */
public record Server(String name, String host, int port, String group, boolean viaBroker) {

    /** The port of every server reached through the broker: no agent listens on port 0. */
    public static final int BROKER_PORT = 0;

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:.]+(%[a-z0-9]+)?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    /**
     * @throws IllegalArgumentException with a message for users when the host or port is invalid
     */
    public Server {
        Objects.requireNonNull(host, "host");
        if (viaBroker) {
            requireAgentId(host);
            if (port != BROKER_PORT) {
                throw new IllegalArgumentException("an agent reached through the broker has no port of its own, not " + port);
            }
        } else {
            host = host.strip();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (!isValidHost(host)) {
                throw new IllegalArgumentException("invalid host '" + host + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
            }
        }
        name = name == null || name.isBlank() ? (viaBroker ? host : endpoint(host, port)) : name.strip();
        group = group == null ? "" : group.strip();
    }

    /** A server listening at host and port. */
    public Server(String name, String host, int port, String group) {
        this(name, host, port, group, false);
    }

    public static Server of(String host, int port) {
        return new Server(null, host, port, null);
    }

    /**
     * The agent {@code agentId} of the broker's fleet, named by its id, in {@code group} ("" for none).
     *
     * @throws IllegalArgumentException when the id is not one MQTT topic level (empty, or with /, + or #)
     */
    public static Server viaBroker(String agentId, String group) {
        return new Server(null, agentId, BROKER_PORT, group, true);
    }

    /** The same server in another group. */
    public Server withGroup(String newGroup) {
        return new Server(hasName() ? name : null, host, port, newGroup, viaBroker);
    }

    private static void requireAgentId(String id) {
        if (id.isEmpty() || id.length() > 256 || id.chars().anyMatch(c -> c == '/' || c == '+' || c == '#' || Character.isISOControl(c)
                || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("invalid agent id '" + id + "'");
        }
    }

    /** "host:port", with IPv6 addresses in brackets; "ID:0" for an agent reached through the broker. */
    public String endpoint() {
        return endpoint(host, port);
    }

    private static String endpoint(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Whether the server has a name of its own, not just its endpoint. A name typed as exactly
     * "host:port" counts as none: it looks the same, and the list file need not hold it.
     */
    public boolean hasName() {
        return !name.equals(viaBroker ? host : endpoint());
    }

    /**
     * Whether both denote the same agent: same host (compared ignoring case) and port, both direct
     * or both through the broker.
     */
    public boolean sameEndpoint(Server other) {
        return port == other.port && viaBroker == other.viaBroker && host.equalsIgnoreCase(other.host);
    }

    /**
     * Whether the text is a DNS name, an IPv4 address in dotted form, or an IPv6 literal (without
     * brackets). Only syntax is checked: nothing is resolved.
     */
    public static boolean isValidHost(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (host.indexOf(':') >= 0) {
            return isIpv6Literal(host);
        }
        if (DOTTED_NUMBERS.matcher(host).matches()) {
            return IPV4.matcher(host).matches(); // all digits: an address, so 999.1.1.1 or 10.1 is a typo
        }
        return HOST_NAME.matcher(host).matches();
    }

    private static boolean isIpv6Literal(String host) {
        if (!IPV6.matcher(host).matches() || host.chars().filter(c -> c == ':').count() < 2) {
            return false;
        }
        String address = host.indexOf('%') >= 0 ? host.substring(0, host.indexOf('%')) : host;
        try {
            // With a colon in it the JDK parses the text as an IPv6 literal and never asks DNS.
            return InetAddress.getByName(address).getAddress().length == 16 || address.contains(".");
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
