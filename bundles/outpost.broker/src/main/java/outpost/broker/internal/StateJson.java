package outpost.broker.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import outpost.broker.AgentState;

/** An agent's state as the JSON of its state topic (docs/BROKER.md). */
public final class StateJson {

    private static final Gson GSON = new Gson();

    private StateJson() {
    }

    /**
     * The wire form: plain fields, the time as ISO-8601 text. Gson leaves a null field out, so a
     * state without a group is written as before groups existed. The group is read as any JSON, so
     * that a group of the wrong type costs only the group.
     */
    private record Wire(String agentId, boolean online, String host, String os, String version, String fingerprint,
            String time, JsonElement group) {
    }

    public static byte[] encode(AgentState state) {
        return GSON.toJson(new Wire(state.agentId(), state.online(), state.host(), state.os(), state.version(),
                state.fingerprint(), state.time().toString(), state.group().isEmpty() ? null : new JsonPrimitive(state.group())))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Empty for a payload that is not a state of {@code agentId} (a broken or foreign publisher). */
    public static Optional<AgentState> decode(String agentId, byte[] payload) {
        try {
            Wire wire = GSON.fromJson(new String(payload, StandardCharsets.UTF_8), Wire.class);
            if (wire == null || !agentId.equals(wire.agentId())) {
                return Optional.empty();
            }
            return Optional.of(new AgentState(wire.agentId(), wire.online(), orEmpty(wire.host()), orEmpty(wire.os()),
                    orEmpty(wire.version()), orEmpty(wire.fingerprint()), Instant.parse(wire.time()),
                    groupOrNone(wire.group())));
        } catch (RuntimeException e) { // Gson's JsonParseException, a bad time
            return Optional.empty();
        }
    }

    /** An unreadable group costs the group, not the agent: its state is still worth showing. */
    private static String groupOrNone(JsonElement group) {
        if (group == null || !group.isJsonPrimitive() || !group.getAsJsonPrimitive().isString()) {
            return "";
        }
        try {
            return AgentState.requireGroup(group.getAsString());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
