package outpost.cli.internal;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import outpost.broker.AgentState;

/**
 * --list: the agents the broker knows, from their retained states, sorted by id: a table, or one
 * JSON object per agent and line. The fingerprints are what the agents announced in the clear: shown
 * to compare with what a session pins, never trusted (docs/BROKER.md, State).
 */
final class FleetListing {

    private FleetListing() {
    }

    static void print(Map<String, AgentState> fleet, boolean json, PrintStream out) {
        List<AgentState> agents = fleet.values().stream().sorted(Comparator.comparing(AgentState::agentId)).toList();
        if (json) {
            agents.forEach(agent -> out.println(json(agent)));
        } else {
            table(agents, out);
        }
        out.flush();
    }

    private static void table(List<AgentState> agents, PrintStream out) {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] { "ID", "ONLINE", "GROUP", "HOST", "OS", "VERSION", "FINGERPRINT" });
        for (AgentState agent : agents) {
            // "-" for no group: a blank cell would read as the next column
            rows.add(new String[] { agent.agentId(), agent.online() ? "online" : "offline",
                    agent.group().isEmpty() ? "-" : agent.group(), agent.host(), agent.os(), agent.version(),
                    agent.fingerprint() });
        }
        int[] widths = new int[6];
        for (String[] row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                line.append(row[column]).append(" ".repeat(widths[column] - row[column].length() + 2));
            }
            out.println(line.append(row[6]).toString().stripTrailing());
        }
        long online = agents.stream().filter(AgentState::online).count();
        out.println(agents.size() + (agents.size() == 1 ? " agent: " : " agents: ") + online + " online, " + (agents.size() - online) + " offline");
    }

    private static String json(AgentState agent) {
        JsonObject object = new JsonObject();
        object.addProperty("agentId", agent.agentId());
        object.addProperty("online", agent.online());
        object.addProperty("group", agent.group());
        object.addProperty("host", agent.host());
        object.addProperty("os", agent.os());
        object.addProperty("version", agent.version());
        object.addProperty("fingerprint", agent.fingerprint());
        object.addProperty("time", agent.time().toString());
        return object.toString();
    }
}
