package outpost.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import outpost.broker.AgentState;

class StateJsonTest {

    private static final Instant TIME = Instant.parse("2026-12-07T10:15:30Z");

    private static AgentState decode(String json) {
        return StateJson.decode("web-7", json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private static String encode(AgentState state) {
        return new String(StateJson.encode(state), StandardCharsets.UTF_8);
    }

    private static String withGroup(String groupJson) {
        return "{\"agentId\":\"web-7\",\"online\":true,\"host\":\"web-7.example\",\"os\":\"Linux 6.1\","
                + "\"version\":\"0.5.0\",\"fingerprint\":\"SHA256:01\",\"time\":\"2026-12-07T10:15:30Z\""
                + (groupJson == null ? "" : ",\"group\":" + groupJson) + "}";
    }

    @Test
    void aGroupSurvivesTheRoundTrip() {
        AgentState state = new AgentState("web-7", true, "web-7.example", "Linux 6.1", "0.5.0", "SHA256:01", TIME,
                "web servers");
        assertTrue(encode(state).contains("\"group\":\"web servers\""));
        assertEquals(state, decode(encode(state)));
    }

    @Test
    void noGroupIsNotWrittenAndAnOldStateWithoutOneReadsAsNone() {
        AgentState state = new AgentState("web-7", true, "web-7.example", "Linux 6.1", "0.5.0", "SHA256:01", TIME);
        assertFalse(encode(state).contains("group"));
        assertEquals(state, decode(withGroup(null)));
        assertEquals("", decode(withGroup(null)).group());
    }

    @Test
    void aGroupIsTrimmed() {
        assertEquals("web", decode(withGroup("\"  web \"")).group());
        assertEquals("web", new AgentState("web-7", true, "h", "o", "v", "", TIME, " web\t").group());
    }

    @Test
    void anUnreadableGroupCostsTheGroupNotTheAgent() {
        String tooLong = "g".repeat(AgentState.GROUP_MAX + 1);
        assertEquals("", decode(withGroup("\"" + tooLong + "\"")).group());
        assertEquals("", decode(withGroup("\"web\\u0007\"")).group());
        assertEquals("", decode(withGroup("{\"name\":\"web\"}")).group());
        assertEquals("", decode(withGroup("42")).group());
        assertEquals("web-7.example", decode(withGroup("[]")).host());
        assertEquals("g".repeat(AgentState.GROUP_MAX), decode(withGroup("\"" + "g".repeat(AgentState.GROUP_MAX)
                + "\"")).group());
    }

    @Test
    void aStateRefusesAnInvalidGroup() {
        assertThrows(IllegalArgumentException.class, () -> new AgentState("web-7", true, "h", "o", "v", "", TIME,
                "g".repeat(AgentState.GROUP_MAX + 1)));
        assertThrows(IllegalArgumentException.class, () -> new AgentState("web-7", true, "h", "o", "v", "", TIME,
                "web\ndb"));
    }

    @Test
    void offlineAndOnlineAgainKeepTheGroup() {
        AgentState state = new AgentState("web-7", true, "h", "o", "v", "", TIME, "web");
        assertEquals("web", state.offline(TIME.plusSeconds(1)).group());
        assertEquals("web", state.offline(TIME).onlineAt(TIME.plusSeconds(2)).group());
    }
}
