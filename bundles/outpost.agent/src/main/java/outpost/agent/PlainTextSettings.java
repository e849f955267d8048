package outpost.agent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The plain-text dialect for the original clients and {@code nc}: one command per line, the answer
 * as text ending with a line holding a single dot. It has no authentication, so it answers only
 * commands of the read role, never a shell.
 *
 * @param enabled        off unless the configuration turns it on
 * @param address        where it listens; loopback unless configured otherwise
 * @param commands       the commands it answers; empty means every read-role command
 * @param maxLineLength  longer request lines are answered with an error and the connection closed
 * @param maxConnections connections beyond this are refused with a line saying so
 * @param idleTimeout    a client that sends nothing for this long is disconnected
 */
public record PlainTextSettings(boolean enabled, InetSocketAddress address, List<String> commands, int maxLineLength,
        int maxConnections, Duration idleTimeout) {

    public static final int DEFAULT_PORT = 5006;
    public static final int DEFAULT_MAX_LINE_LENGTH = 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** Off, and if turned on: 127.0.0.1:5006, every read-role command, 1024 characters a line, 16 clients, 5 min idle. */
    public static final PlainTextSettings OFF = new PlainTextSettings(false,
            new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), DEFAULT_PORT), List.of(),
            DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT);

    public PlainTextSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        commands = List.copyOf(commands);
    }

    /** The same settings, turned on at the given address. */
    public PlainTextSettings enabledAt(InetSocketAddress newAddress) {
        return new PlainTextSettings(true, newAddress, commands, maxLineLength, maxConnections, idleTimeout);
    }

    /** Whether a command may be asked for on this port (a configured list narrows the read-role commands). */
    public boolean offers(String commandName) {
        return commands.isEmpty() || commands.contains(commandName);
    }
}
