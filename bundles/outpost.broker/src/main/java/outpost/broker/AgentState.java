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
 * @param group       the group the agent announces (its {@code broker.group}), trimmed; empty for none
 */
public record AgentState(String agentId, boolean online, String host, String os, String version, String fingerprint,
        Instant time, String group) {

    /** The longest group, in chars: a label for a tree and a table column, not a document. */
    public static final int GROUP_MAX = 64;

    public AgentState {
        Topics.requireId("agent id", agentId);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(time, "time");
        group = requireGroup(group);
    }

    /** A state without a group, as before groups existed. */
    public AgentState(String agentId, boolean online, String host, String os, String version, String fingerprint,
            Instant time) {
        this(agentId, online, host, os, version, fingerprint, time, "");
    }

    public AgentState offline(Instant at) {
        return new AgentState(agentId, false, host, os, version, fingerprint, at, group);
    }

    /** This state, online again at {@code at} (the agent's birth on each connection). */
    public AgentState onlineAt(Instant at) {
        return new AgentState(agentId, true, host, os, version, fingerprint, at, group);
    }

    /**
     * The group trimmed, if it is one: at most {@link #GROUP_MAX} chars and no control characters.
     *
     * @throws IllegalArgumentException naming what is wrong, for a configuration error message
     */
    public static String requireGroup(String group) {
        Objects.requireNonNull(group, "group");
        String trimmed = group.strip();
        if (trimmed.length() > GROUP_MAX) {
            throw new IllegalArgumentException("a group has at most " + GROUP_MAX + " characters, not "
                    + trimmed.length());
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a group has no control characters");
        }
        return trimmed;
    }
}
