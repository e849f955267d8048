package outpost.client;

import java.util.Optional;

/**
 * Carries the sessions to some agents another way than a socket to their address: the console's
 * message broker carries those of its fleet (docs/BROKER.md). {@link AgentConnections} asks every
 * router before dialling, for sessions and probes alike; an address no router claims is dialled.
 * Port 0 is never dialled: an agent keyed "ID:0" is reached through a router or not at all. Offered
 * as an OSGi service; must answer at once, without I/O.
 */
@FunctionalInterface
public interface AgentRouter {

    /** The route to the agent keyed {@code host:port}, when this router carries it. */
    Optional<AgentRoute> routeTo(String host, int port);
}
