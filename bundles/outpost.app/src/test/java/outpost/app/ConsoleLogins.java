package outpost.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.client.KnownAgents;

/**
 * What the console under test knows of the agents a test starts, as a user who met them before:
 * their certificates pinned in the {@code outpost.knownAgents} file and their tokens in the
 * {@code outpost.tokens} file (written by {@link #write()}). Starts from an empty pin file.
 */
final class ConsoleLogins {

    private final KnownAgents pins;
    private final StringBuilder tokens = new StringBuilder();
    private final Map<Integer, Path> dataFolders = new HashMap<>();

    ConsoleLogins() throws IOException {
        Path knownAgents = Path.of(System.getProperty("outpost.knownAgents"));
        Files.deleteIfExists(knownAgents);
        pins = new KnownAgents(knownAgents);
    }

    /**
     * Starts an agent on a free loopback port with a fresh data folder, pins its certificate and
     * keeps the admin token it made; returns its port.
     *
     * @param settings changes to the defaults (a shell policy, ...)
     */
    int startKnown(ExtraAgents agents, UnaryOperator<AgentSettings> settings) throws IOException {
        Path data = Files.createTempDirectory("outpost-app-it");
        Agent.AgentStartup startup = start(agents, data, settings);
        int port = know(startup, Files.readString(data.resolve("token")).strip());
        dataFolders.put(port, data);
        return port;
    }

    /** The data folder (tokens, audit.log.0) of an agent {@link #startKnown} started. */
    Path dataFolder(int port) {
        return dataFolders.get(port);
    }

    /** Starts an agent on a free loopback port with this data folder (which may hold its tokens already). */
    static Agent.AgentStartup start(ExtraAgents agents, Path data, UnaryOperator<AgentSettings> settings) throws IOException {
        return agents.create().start(settings.apply(AgentSettings.defaults(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)));
    }

    /** Pins a started agent's certificate and keeps the token the console logs in with; returns its port. */
    int know(Agent.AgentStartup startup, String token) throws IOException {
        int port = startup.address().getPort();
        pins.remember("127.0.0.1", port, startup.fingerprint().orElseThrow());
        token(port, token);
        return port;
    }

    /** A loopback port where nothing listens, with a token as if an agent had been there. */
    int nobodyThere() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        token(port, "no-agent-there");
        return port;
    }

    private void token(int port, String token) {
        tokens.append("127.0.0.1\\:").append(port).append('=').append(token).append('\n');
    }

    void write() throws IOException {
        Path tokenFile = Path.of(System.getProperty("outpost.tokens"));
        Files.createDirectories(tokenFile.getParent());
        Files.writeString(tokenFile, tokens);
    }
}
