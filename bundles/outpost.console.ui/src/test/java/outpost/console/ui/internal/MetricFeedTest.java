package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.charts.TimeSeries;
import outpost.client.SessionSettings;
import outpost.console.ui.internal.ConnectionFakes.ManualThreads;
import outpost.metrics.MetricHistory;
import outpost.metrics.MetricJson;
import outpost.metrics.MetricSample;
import outpost.protocol.ResultStatus;
import outpost.testing.client.FakeAgent;
import outpost.testing.client.FakeAgentSession;
import outpost.testing.client.FakeStream;

/**
 * The charts' feed against the test kit's agent: the kept history first (minutes, then seconds),
 * then one subscription whose chunks are put back into lines; a gap when the session ends, the
 * time away filled from the history on the next session, and words for an agent without these
 * commands.
 */
class MetricFeedTest {

    private static final long MINUTE = 60_000;
    private static final long NOW = 1_796_626_800_000L; // 2026-12-07T...: the agent's clock when the console connects

    private final FakeAgent agent = new FakeAgent();
    private final ManualThreads threads = new ManualThreads();
    private final ConsoleChartModels charts = new ConsoleChartModels(MetricFeed.LIVE_STEP);
    private final List<String> told = new CopyOnWriteArrayList<>();
    private long clock = NOW;

    @BeforeEach
    void anAgentThatHasRunForAnHour() {
        keptUntil(NOW, NOW - 60 * MINUTE);
        agent.streams(MetricFeed.WATCH);
    }

    @Test
    void theKeptHourIsChartedAtOnceThenOneWatchWhoseLinesComeInAnyChunks() throws IOException {
        MetricFeed feed = start(connectedSession());

        TimeSeries total = charts.cpu().series("total");
        TimeSeries.Samples kept = total.between(0, NOW);
        assertEquals(NOW - 60 * MINUTE, kept.times()[0], "the first minute the agent kept");
        assertEquals(51 + 599, kept.count(), "the minutes up to where the seconds begin (60 to 10 minutes ago), then the seconds");
        assertEquals(MINUTE, kept.steps()[0]);
        assertEquals(1_000, kept.steps()[kept.count() - 1]);
        assertEquals(List.of(MetricFeed.WATCH), agent.started(MetricFeed.WATCH).stream().map(FakeStream::commandLine).toList(),
                "one subscription, started after the history");

        FakeStream watch = agent.started(MetricFeed.WATCH).get(0);
        String first = MetricJson.toJson(sample(NOW + 1_000, 30));
        String second = MetricJson.toJson(sample(NOW + 3_000, 40));
        watch.write(first.substring(0, 20));
        assertEquals(NOW - 1_000, total.latestTime(), "half a line is no sample");
        watch.write(first.substring(20) + "\n" + second.substring(0, 5));
        watch.write(second.substring(5) + "\n");
        assertEquals(NOW + 3_000, total.latestTime());
        assertEquals(40, total.latestValue());
        assertTrue(total.isCurrent(NOW + 3_000 + 5_000), "a live sample every 2 s is current for 5 s");

        TimeSeries.Samples all = total.between(0, NOW + 3_000);
        assertTrue(LongStream.range(1, all.count()).allMatch(i -> all.joinedToPrevious((int) i)),
                "one line from the first kept minute to the newest live sample");
        assertEquals(List.of(), told);
        feed.stop();
        assertTrue(watch.cancelled(), "closing the console ends the subscription");
    }

    @Test
    void aLostSessionIsAGapAndTheNextOneFillsTheTimeAwayFromTheHistory() throws IOException {
        FakeAgentSession session = connectedSession();
        MetricFeed feed = start(session);
        agent.started(MetricFeed.WATCH).get(0).write(MetricJson.toJson(sample(NOW + 1_000, 30)) + "\n");

        session.drop("The connection to lab.example:5005 was lost");
        clock = NOW + 2_000;
        feed.stop(); // what the console does when its session ends
        TimeSeries total = charts.cpu().series("total");
        assertTrue(Double.isNaN(total.latestValue()), "nothing is known from the moment the session ended");
        assertFalse(total.isCurrent(NOW + 2_000));
        assertFalse(agent.started(MetricFeed.WATCH).get(0).cancelled(), "a lost session's subscription ended with it");

        // back two minutes later; the agent sampled all along
        long back = NOW + 2 * MINUTE;
        keptUntil(back, NOW - 60 * MINUTE);
        clock = back;
        start(connectedSession());

        TimeSeries.Samples away = total.between(NOW, back);
        assertTrue(away.count() > 100, "the seconds the console was away: " + away.count());
        assertTrue(Arrays.stream(away.values(), 0, away.count()).noneMatch(Double::isNaN), "the gap is filled");
        assertTrue(LongStream.range(1, away.count()).allMatch(i -> away.joinedToPrevious((int) i)), "one line through it");
        assertEquals(2, agent.started(MetricFeed.WATCH).size(), "a new subscription for the new session");
        assertTrue(total.isCurrent(back));
    }

    @Test
    void aSubscriptionTheAgentEndsWhileConnectedIsAGapAndSaidOnce() throws IOException {
        start(connectedSession());
        FakeStream watch = agent.started(MetricFeed.WATCH).get(0);
        watch.write(MetricJson.toJson(sample(NOW + 1_000, 30)) + "\n");
        clock = NOW + 1_500;

        watch.end(ResultStatus.FAILED);

        assertEquals(List.of("Charts: the agent ended its metrics subscription: " + MetricFeed.WATCH + " ended: FAILED"), told);
        assertTrue(Double.isNaN(charts.cpu().series("total").latestValue()), "nothing is drawn on from there");
    }

    @Test
    void samplesOfAnAgentWhoseClockIsAMinuteBehindAreChartedAtTheConsolesTime() throws IOException {
        keptUntil(NOW - MINUTE, NOW - 60 * MINUTE); // the agent's clock says NOW - 1 min when the console's says NOW
        start(connectedSession());
        TimeSeries total = charts.cpu().series("total");
        assertEquals(NOW - 1_000, total.latestTime(), "the newest kept second, moved by the minute");
        assertTrue(total.isCurrent(NOW), "so it is current now");

        agent.started(MetricFeed.WATCH).get(0).write(MetricJson.toJson(sample(NOW - MINUTE + 2_000, 30)) + "\n");
        assertEquals(NOW + 2_000, total.latestTime(), "a live sample too");
    }

    @Test
    void anAgentWithoutHistoryOrWatchLeavesTheChartsEmptyAndSaysWhyOnce() throws IOException {
        FakeAgent older = new FakeAgent();
        FakeAgentSession session = older.create(SessionSettings.of("lab.example", 5005, "secret", Path.of("known_agents")));
        session.connect();
        new MetricFeed(session, charts, threads, told::add, () -> clock).start();
        threads.settle();

        assertEquals(List.of("Charts: this agent keeps no metrics history and has no metrics subscription (an older version);"
                + " the charts stay empty."), told);
        assertTrue(charts.all().stream().allMatch(model -> model.series().isEmpty()), "no data");
        assertEquals(2, session.requests(), "the two history requests, no subscription");
    }

    @Test
    void theChartsShowWhatTheConsoleReadsNotLoopbackAndNotMoreThanSixFileSystems() throws IOException {
        start(connectedSession());

        assertEquals(List.of("total", "core 0", "core 1"), charts.cpu().series().stream().map(TimeSeries::name).toList());
        assertEquals(List.of("used", "swap used"), charts.ram().series().stream().map(TimeSeries::name).toList());
        assertEquals(8.0 * (1L << 30), charts.ram().minimumMax(), "the RAM axis reaches the RAM installed");
        assertEquals(1_500.0, charts.network().series("received").latestValue(), "eth0 and wlan0, loopback left out");
        assertEquals(List.of("/", "/d1", "/d2", "/d3", "/d4", "/d5"), charts.disk().series().stream().map(TimeSeries::name).toList());
        assertEquals(25.0, charts.disk().series("/").latestValue());
    }

    private FakeAgentSession connectedSession() throws IOException {
        FakeAgentSession session = agent.create(SessionSettings.of("lab.example", 5005, "secret", Path.of("known_agents")));
        session.connect();
        return session;
    }

    private MetricFeed start(FakeAgentSession session) {
        MetricFeed feed = new MetricFeed(session, charts, threads, told::add, () -> clock);
        feed.start();
        threads.settle();
        return feed;
    }

    /** What the agent answers from now on: each minute since {@code since}, and each second of the last 10 minutes but one second. */
    private void keptUntil(long now, long since) {
        List<MetricSample> minutes = new ArrayList<>();
        for (long t = since; t < now - MINUTE; t += MINUTE) {
            minutes.add(sample(t, 10));
        }
        List<MetricSample> seconds = new ArrayList<>();
        for (long t = now - 599_000; t < now; t += 1_000) {
            seconds.add(sample(t, 20));
        }
        agent.answer(MetricFeed.MINUTES_HISTORY, MetricJson.toJson(new MetricHistory(now - 24 * 60 * MINUTE, now, 60, minutes)));
        agent.answer(MetricFeed.SECONDS_HISTORY, MetricJson.toJson(new MetricHistory(now - 599_000, now, 1, seconds)));
    }

    private static MetricSample sample(long time, double cpuPercent) {
        List<MetricSample.Disk> disks = new ArrayList<>();
        disks.add(new MetricSample.Disk("/", 25, 100));
        for (int i = 1; i <= 6; i++) {
            disks.add(new MetricSample.Disk("/d" + i, 50, 100));
        }
        return new MetricSample(time, new MetricSample.Cpu(cpuPercent, List.of(cpuPercent, cpuPercent)), null,
                new MetricSample.Memory(1L << 30, 8L << 30), new MetricSample.Memory(0, 2L << 30), disks,
                List.of(new MetricSample.NetworkRate("eth0", 1_000, 100), new MetricSample.NetworkRate("lo", 1e9, 1e9),
                        new MetricSample.NetworkRate("wlan0", 500, 50)));
    }
}
