package outpost.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import outpost.broker.AgentState;
import outpost.broker.BrokerClient;
import outpost.client.AgentRoute;

/**
 * outpost-cli --broker: one MQTT connection for the run, the fleet directory from the agents'
 * retained states, and each agent's session through the broker, the same session as a direct one
 * (TLS pinned under ID:0, token, roles). One --agent streams as --host does; several agents,
 * --group or --all-online fan out as --servers does; --list prints the directory.
 */
final class BrokerRun {

    /** Held so its level stays set (the log manager keeps loggers weakly). */
    private static final java.util.logging.Logger BROKER_LOG = java.util.logging.Logger.getLogger("outpost.broker");

    private BrokerRun() {
    }

    static int run(ClientServices services, CliArguments arguments, CancelOnExit cancelOnExit, PrintStream out,
            PrintStream err) throws InterruptedException {
        BrokerArguments broker = arguments.broker();
        if (!arguments.verbose()) {
            // the link's notes (connected, reconnecting) are for a long-running agent's log, not a command's output
            BROKER_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        try (BrokerClient client = BrokerClient.connect(services.transport(), broker.settings(),
                BrokerArguments.CONNECT_TIMEOUT)) {
            Map<String, AgentState> fleet = FleetDirectory.await(client, broker.agents());
            if (broker.list()) {
                FleetListing.print(fleet, arguments.json(), out);
                return CliRun.EXIT_OK;
            }
            List<String> ids = broker.group() != null ? inGroup(fleet, broker.group())
                    : broker.allOnline() ? fleet.values().stream().filter(AgentState::online)
                            .map(AgentState::agentId).sorted().toList() : broker.agents();
            if (ids.isEmpty()) {
                return CliRun.usageError(new CliArguments.UsageException(broker.group() != null
                        ? "no online agent in group '" + broker.group() + "' at the broker " + broker.url()
                                + groupsOnline(fleet)
                        : "no agent is online on the broker " + broker.url() + " (" + fleet.size()
                                + " known: outpost-cli --broker ... --list)"), err);
            }
            List<AgentTarget> agents = ids.stream().map(id -> AgentTarget.viaBroker(id, route(client, id)))
                    .toList();
            if (arguments.fanOut() || arguments.json()) {
                return CliRun.fanOut(services, arguments, agents, cancelOnExit, out, err);
            }
            AgentTarget agent = agents.get(0);
            AgentTokens tokens = AgentTokens.load(arguments);
            Optional<String> token = tokens.tokenFor(agent);
            if (token.isEmpty()) {
                err.println("outpost-cli: " + tokens.missing(agent));
                return CliRun.EXIT_FAILED;
            }
            return SingleAgentRun.run(services.sessions(), arguments, agent, token.get(), cancelOnExit, out, err);
        } catch (IOException e) {
            err.println("outpost-cli: " + e.getMessage());
            return CliRun.EXIT_FAILED;
        }
    }

    /** The online agents that announce {@code group}, sorted by id. */
    static List<String> inGroup(Map<String, AgentState> fleet, String group) {
        return fleet.values().stream().filter(AgentState::online).filter(agent -> BrokerArguments.inGroup(agent, group))
                .map(AgentState::agentId).sorted().toList();
    }

    /** What to try instead, as --servers --group says its list's groups: those of the online agents. */
    private static String groupsOnline(Map<String, AgentState> fleet) {
        TreeSet<String> groups = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        fleet.values().stream().filter(AgentState::online)
                .forEach(agent -> groups.add(agent.group().isEmpty() ? "(none)" : agent.group()));
        return groups.isEmpty() ? " (no agent is online there)" : " (the online agents' groups: " + String.join(", ", groups) + ")";
    }

    /** Sessions to the agent through the broker (which refuses an agent that never announced itself). */
    private static AgentRoute route(BrokerClient client, String agentId) {
        return (settings, handler) -> client.open(agentId, settings, handler);
    }
}
