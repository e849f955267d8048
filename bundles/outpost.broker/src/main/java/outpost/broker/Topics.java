package outpost.broker;

import java.util.Optional;

/**
 * The MQTT topics of broker mode (docs/BROKER.md). Ids (agent, console, session) are single topic
 * levels: no {@code /}, {@code +}, {@code #}, nor empty.
 */
public final class Topics {

    public static final String ROOT = "outpost/v1/agents/";

    private Topics() {
    }

    /** Retained JSON {@link AgentState}; the agent's last will sets it offline. */
    public static String state(String agentId) {
        return ROOT + agentId + "/state";
    }

    /** A MetricSample JSON every N seconds, when the agent's configuration asks for it. */
    public static String metrics(String agentId) {
        return ROOT + agentId + "/metrics";
    }

    /** Console to agent bytes of one session. */
    public static String in(String agentId, String consoleId, String sessionId) {
        return ROOT + agentId + "/in/" + consoleId + "/" + sessionId;
    }

    /** Agent to console bytes of one session. */
    public static String out(String agentId, String consoleId, String sessionId) {
        return ROOT + agentId + "/out/" + consoleId + "/" + sessionId;
    }

    /** One session's topic, taken apart. */
    public record SessionTopic(String agentId, String direction, String consoleId, String sessionId) {
    }

    /** {@code outpost/v1/agents/A/in/C/S} or {@code .../out/C/S} taken apart; empty for any other topic. */
    public static Optional<SessionTopic> session(String topic) {
        if (!topic.startsWith(ROOT)) {
            return Optional.empty();
        }
        String[] levels = topic.substring(ROOT.length()).split("/", -1);
        if (levels.length != 4 || !(levels[1].equals("in") || levels[1].equals("out"))) {
            return Optional.empty();
        }
        return Optional.of(new SessionTopic(levels[0], levels[1], levels[2], levels[3]));
    }

    /** The agent id of a state topic; empty for any other topic. */
    public static Optional<String> stateOf(String topic) {
        return idBefore(topic, "/state");
    }

    private static Optional<String> idBefore(String topic, String last) {
        if (!topic.startsWith(ROOT) || !topic.endsWith(last)) {
            return Optional.empty();
        }
        String id = topic.substring(ROOT.length(), topic.length() - last.length());
        return id.isEmpty() || id.contains("/") ? Optional.empty() : Optional.of(id);
    }

    /** The agent id of a metrics topic; empty for any other topic. */
    public static Optional<String> metricsOf(String topic) {
        return idBefore(topic, "/metrics");
    }

    static String requireId(String what, String id) {
        if (id == null || id.isEmpty() || id.contains("/") || id.contains("+") || id.contains("#")) {
            throw new IllegalArgumentException(what + " must be one topic level (no /, + or #): '" + id + "'");
        }
        return id;
    }
}
