package outpost.cli.internal;

import outpost.client.AgentRoute;
import outpost.servers.Server;

/**
 * One agent a run asks: its name in the output, the host and port that name it in messages and key
 * its pinned certificate and token, and how its connection reaches it.
 *
 * @param route null to connect directly to host and port
 */
record AgentTarget(String name, String host, int port, AgentRoute route) {

    /** The port that keys an agent reached through a broker: its id is the host, and no agent listens on port 0. */
    static final int BROKER_PORT = 0;

    static AgentTarget direct(Server server) {
        return new AgentTarget(server.name(), server.host(), server.port(), null);
    }

    static AgentTarget viaBroker(String agentId, AgentRoute route) {
        return new AgentTarget(agentId, agentId, BROKER_PORT, route);
    }

    String endpoint() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
