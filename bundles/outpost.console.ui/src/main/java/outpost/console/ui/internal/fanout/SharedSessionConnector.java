package outpost.console.ui.internal.fanout;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import outpost.client.AgentConnections;
import outpost.client.AgentSession;
import outpost.client.Reachability;
import outpost.client.SessionSettings;
import outpost.client.fanout.FanOut;
import outpost.console.ui.AgentConnector;
import outpost.servers.Server;

/**
 * Reaches a group command's servers as the console and the Server Explorer do: a share of the
 * session already connected to the agent (a console's, the explorer's), else a new one with the
 * stored token and pinned certificate. A new agent is never trusted here, and a missing token is
 * never asked for: both are the user's decision, in the server's console, and the row says so.
 * Blocks: runs on the fan-out's threads.
 */
final class SharedSessionConnector implements FanOut.Connector<Server> {

    private final AgentConnections connections;
    private final AgentConnector connector;
    private final Duration probeTimeout;

    SharedSessionConnector(AgentConnections connections, AgentConnector connector, Duration probeTimeout) {
        this.connections = connections;
        this.connector = connector;
        this.probeTimeout = probeTimeout;
    }

    @Override
    public FanOut.Connection open(Server server) throws IOException {
        Optional<AgentConnections.Lease> shared = connections.shareConnected(server.host(), server.port());
        if (shared.isPresent()) {
            return connection(shared.get());
        }
        Optional<SessionSettings> settings = connector.settingsFor(server);
        if (settings.isEmpty()) {
            // whether anyone is there comes first: "no token" only for an agent that answers
            Reachability reached = connections.probe(server.host(), server.port(), true, probeTimeout);
            throw new IOException(reached.reachable()
                    ? "No token stored for " + server.endpoint() + ": open its console to enter one."
                    : reached.reason());
        }
        AgentConnections.Lease lease = connections.acquire(settings.get().withTrustNew(false));
        try {
            lease.connect();
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
        return connection(lease);
    }

    private static FanOut.Connection connection(AgentConnections.Lease lease) {
        return new FanOut.Connection() {
            @Override
            public AgentSession session() {
                return lease.session();
            }

            @Override
            public void close() {
                lease.close(); // the session stays up while a console or the explorer holds it too
            }
        };
    }
}
