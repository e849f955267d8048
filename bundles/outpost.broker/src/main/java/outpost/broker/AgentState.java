package outpost.broker;

import java.time.Instant;
import java.util.Objects;

/**
 * What an agent announces on its retained state topic: whether it is online, and what a console
 * shows and pins before opening a session (docs/BROKER.md, "State").
 *
 * @param agentId     the agent's id: its MQTT client id and the second level of its topics
 * @param online      false once the agent stopped, or the broker published its last will
 * @param host        the machine's host name
 * @param os          operating system name and version
 * @param version     the agent's version
 * @param fingerprint the agent's TLS certificate, {@code SHA256:AB:CD:...}; empty for an agent without TLS
 * @param time        when the agent published this state (for the will: when its link was made)
 */
public record AgentState(String agentId, boolean online, String host, String os, String version, String fingerprint,
        Instant time) {

    public AgentState {
        Topics.requireId("agent id", agentId);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(time, "time");
    }

    public AgentState offline(Instant at) {
        return new AgentState(agentId, false, host, os, version, fingerprint, at);
    }
}
