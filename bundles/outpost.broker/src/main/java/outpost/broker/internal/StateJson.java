package outpost.broker.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import com.google.gson.Gson;

import outpost.broker.AgentState;

/** An agent's state as the JSON of its state topic (docs/BROKER.md). */
public final class StateJson {

    private static final Gson GSON = new Gson();

    private StateJson() {
    }

    /** The wire form: plain fields, the time as ISO-8601 text. */
    private record Wire(String agentId, boolean online, String host, String os, String version, String fingerprint,
            String time) {
    }

    public static byte[] encode(AgentState state) {
        return GSON.toJson(new Wire(state.agentId(), state.online(), state.host(), state.os(), state.version(),
                state.fingerprint(), state.time().toString())).getBytes(StandardCharsets.UTF_8);
    }

    /** Empty for a payload that is not a state of {@code agentId} (a broken or foreign publisher). */
    public static Optional<AgentState> decode(String agentId, byte[] payload) {
        try {
            Wire wire = GSON.fromJson(new String(payload, StandardCharsets.UTF_8), Wire.class);
            if (wire == null || !agentId.equals(wire.agentId())) {
                return Optional.empty();
            }
            return Optional.of(new AgentState(wire.agentId(), wire.online(), orEmpty(wire.host()), orEmpty(wire.os()),
                    orEmpty(wire.version()), orEmpty(wire.fingerprint()), Instant.parse(wire.time())));
        } catch (RuntimeException e) { // Gson's JsonParseException, a bad time
            return Optional.empty();
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
