package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import outpost.client.SessionSettings;
import outpost.testing.client.FakeAgent;
import outpost.testing.client.FakeAgentSession;

class MetricPollerTest {

    /** Two samples as the agent's watch writes them (docs/METRICS.md), then a line that is none. */
    private static final String STREAM = """
            {"time":1796626801124,"cpu":{"totalPercent":9.8,"perCorePercent":[8.1,11.5]},"ram":{"usedBytes":2147483648,"totalBytes":8589934592}}
            {"time":1796626804124,"cpu":{"perCorePercent":[]},"ram":{"usedBytes":4294967296,"totalBytes":8589934592}}
            CPU: 3.0 % used
            """;

    @Test
    void oneWatchFeedsTheChartWithEachSamplesPercentages() throws Exception {
        FakeAgent agent = new FakeAgent();
        agent.answer("watch 3 cpu,ram", STREAM);
        FakeAgentSession session = agent.create(SessionSettings.of("lab.example", 5005, "token", Path.of("known_agents")));
        session.connect();
        MetricHistory history = new MetricHistory(10);
        AtomicInteger refreshes = new AtomicInteger();

        new MetricPoller(session, history, refreshes::incrementAndGet).start();

        MetricHistory.Sample[] samples = history.samples();
        assertEquals(2, samples.length);
        assertEquals(9.8, samples[0].cpu(), 1e-9);
        assertEquals(25.0, samples[0].ram(), 1e-9);
        assertTrue(Double.isNaN(samples[1].cpu()), "no CPU figure yet: NaN, not 0");
        assertEquals(50.0, samples[1].ram(), 1e-9);
        assertEquals(2, refreshes.get());
        assertEquals(1, session.requests(), "one request, not one per sample");
    }

    @Test
    void anAgentWithoutWatchLeavesTheChartEmpty() throws Exception {
        FakeAgent agent = new FakeAgent();
        FakeAgentSession session = agent.create(SessionSettings.of("lab.example", 5005, "token", Path.of("known_agents")));
        session.connect();
        MetricHistory history = new MetricHistory(10);

        new MetricPoller(session, history, () -> { }).start();

        assertEquals(0, history.samples().length);
    }
}
