package outpost.cli.internal;

import outpost.servers.Server;

/**
 * What one server answered, or why it could not: one line of --json output (Gson writes the
 * components under these names) and one entry of the table.
 *
 * @param server     the server's name in the list (its host when it has none), or the agent's id with --broker
 * @param host       the server's host, or the agent's id with --broker
 * @param port       the agent's port; 0 with --broker
 * @param ok         the agent ran the command and it succeeded (status OK, exit code 0)
 * @param exitCode   the command's exit code; null when it did not run
 * @param durationMs from the start of the connection to the result, as the client saw it
 * @param error      why it failed, for users; null when ok
 */
record ServerOutcome(String server, String host, int port, boolean ok, Integer exitCode, long durationMs, String stdout,
        String stderr, String error) {

    static ServerOutcome failed(Server server, long durationMs, String stdout, String stderr, String error) {
        return new ServerOutcome(server.name(), server.host(), server.port(), false, null, durationMs, stdout, stderr, error);
    }

    /** Where the agent was reached, as the table shows it. */
    String endpoint() {
        if (port == AgentTarget.BROKER_PORT) {
            return "via broker";
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
