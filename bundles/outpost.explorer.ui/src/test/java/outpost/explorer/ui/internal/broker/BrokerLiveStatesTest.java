package outpost.explorer.ui.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import outpost.broker.AgentState;
import outpost.explorer.ui.internal.live.LiveState;
import outpost.explorer.ui.internal.live.LiveStatus;
import outpost.metrics.MetricJson;

class BrokerLiveStatesTest {

    private static final AgentState ONLINE = new AgentState("web-7", true, "web-7.example", "Linux 6.1", "0.5.0",
            "SHA256:AB", Instant.parse("2026-12-07T10:00:00Z"));

    @Test
    void anAnnouncedAgentIsOnlineWithoutFiguresItDoesNotPublish() {
        LiveState state = BrokerLiveStates.of(ONLINE, Optional.empty());

        assertEquals(LiveStatus.ANNOUNCED, state.status());
        assertEquals("online", state.status().label());
        assertTrue(state.status().online());
        assertEquals("", state.cpuText(), "no session and no sample: nothing to show, not an unreadable answer");
        assertEquals("", state.latencyText(), "no session: no round trip");
    }

    @Test
    void aPublishedSampleGivesTheCpuAndRamColumns() {
        LiveState state = BrokerLiveStates.of(ONLINE, Optional.of(MetricJson.sample(
                "{\"time\":1,\"cpu\":{\"totalPercent\":12.5,\"perCorePercent\":[]},\"ram\":{\"usedBytes\":1,\"totalBytes\":4}}")));

        assertEquals("12.5 %", state.cpuText());
        assertEquals("25.0 %", state.ramText());
    }

    @Test
    void anAgentWhoseWillWasPublishedIsOfflineAndSaysSince() {
        LiveState state = BrokerLiveStates.of(ONLINE.offline(Instant.parse("2026-12-07T10:05:00Z")), Optional.empty());

        assertEquals(LiveStatus.OFFLINE, state.status());
        assertTrue(state.reason().startsWith("offline at the broker"), state.reason());
        assertEquals("", state.cpuText());
    }
}
