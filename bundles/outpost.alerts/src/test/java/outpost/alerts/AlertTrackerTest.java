package outpost.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import outpost.servers.Server;

class AlertTrackerTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Server WEB = new Server("web-1", "127.0.0.1", 7001, "web");
    private static final Thresholds LIMITS = new Thresholds(80, Duration.ofMinutes(2), 90, 85, Duration.ofSeconds(30));

    private final AlertTracker tracker = new AlertTracker(List.of(), 100);

    private List<AlertChange> cpu(int seconds, double percent) {
        return tracker.observe(WEB, LIMITS, Reading.of(T0.plusSeconds(seconds), percent, 10, Map.of()));
    }

    @Test
    void highCpuRaisesOnlyOnceItHasLastedTheSetTimeAndKeepsWhenItStarted() {
        assertEquals(List.of(), cpu(0, 95));
        assertEquals(List.of(), cpu(60, 97));
        List<AlertChange> raised = cpu(120, 96);
        assertEquals(1, raised.size());
        Alert alert = raised.get(0).alert();
        assertTrue(raised.get(0).raised());
        assertEquals(AlertKind.CPU, alert.kind());
        assertEquals(T0, alert.start(), "the alert starts when CPU first went above, not when it was raised");
        assertEquals("web-1", alert.name());
        assertEquals(80, alert.threshold());
        assertTrue(alert.isOpen());
        assertEquals(List.of(alert), tracker.open());
    }

    @Test
    void aShortCpuSpikeRaisesNothingAndADipStartsTheWaitAgain() {
        cpu(0, 95);
        cpu(60, 50);
        cpu(90, 95);
        assertEquals(List.of(), cpu(200, 95), "above since 90 s only: 110 s < 2 min");
        assertEquals(1, cpu(210, 95).size());
    }

    @Test
    void anAlertEndsByItselfWhenTheValueFallsKeepingItsWorstValue() {
        cpu(0, 95);
        cpu(120, 99);
        cpu(180, 91);
        List<AlertChange> ended = cpu(240, 40);
        assertEquals(1, ended.size());
        assertFalse(ended.get(0).raised());
        Alert alert = ended.get(0).alert();
        assertEquals(T0.plusSeconds(240), alert.end());
        assertEquals(99, alert.worst());
        assertEquals(Duration.ofMinutes(4), alert.duration(T0.plusSeconds(999)));
        assertEquals(List.of(), tracker.open());
        assertEquals(List.of(alert), tracker.all());
    }

    @Test
    void ramAndEachFullFileSystemRaiseAtOnceAndAnUnmountedOneEnds() {
        List<AlertChange> changes = tracker.observe(WEB, LIMITS,
                Reading.of(T0, 10, 95, Map.of("/", 50.0, "/var", 86.0, "/data", 99.0)));
        assertEquals(3, changes.size());
        assertEquals(List.of("", "/data", "/var"),
                tracker.open().stream().map(Alert::subject).sorted().toList());
        List<AlertChange> later = tracker.observe(WEB, LIMITS, Reading.of(T0.plusSeconds(5), 10, 95, Map.of("/", 50.0,
                "/var", 86.0)));
        assertEquals(1, later.size());
        assertEquals("/data", later.get(0).alert().subject());
        assertFalse(later.get(0).raised());
    }

    @Test
    void anUnreachableAgentRaisesAfterTheSetTimeWithTheSecondsAwayAndEndsWhenItAnswers() {
        assertEquals(List.of(), tracker.observe(WEB, LIMITS, Reading.unreachable(T0)));
        assertEquals(List.of(), tracker.observe(WEB, LIMITS, Reading.unreachable(T0.plusSeconds(30))),
                "30 s is not more than 30 s");
        List<AlertChange> raised = tracker.observe(WEB, LIMITS, Reading.unreachable(T0.plusSeconds(31)));
        assertEquals(1, raised.size());
        assertEquals(AlertKind.UNREACHABLE, raised.get(0).alert().kind());
        assertEquals(T0, raised.get(0).alert().start());
        tracker.observe(WEB, LIMITS, Reading.unreachable(T0.plusSeconds(50)));
        List<AlertChange> back = cpu(60, 5);
        assertEquals(1, back.size());
        assertEquals(50, back.get(0).alert().worst());
        assertEquals(T0.plusSeconds(60), back.get(0).alert().end());
    }

    @Test
    void unknownValuesNeitherRaiseNorEndAnAlert() {
        cpu(0, 95);
        cpu(120, 95);
        Reading unreadable = new Reading(T0.plusSeconds(130), true, OptionalDouble.empty(), OptionalDouble.empty(),
                Map.of());
        assertEquals(List.of(), tracker.observe(WEB, LIMITS, unreadable));
        assertEquals(1, tracker.open().size());
        tracker.observe(WEB, LIMITS, Reading.unreachable(T0.plusSeconds(140)));
        assertEquals(1, tracker.open().size(), "the CPU alert holds while the agent is away for less than the limit");
    }

    @Test
    void overridesOfTheGroupAndTheServerApplyInThatOrder() {
        ThresholdPolicy policy = new ThresholdPolicy(Thresholds.DEFAULTS,
                Map.of("web", new ThresholdOverride(50.0, 1, null, null, null)),
                Map.of("127.0.0.1:7001", new ThresholdOverride(null, null, 99.0, null, null)));
        Thresholds web1 = policy.forServer(WEB);
        assertEquals(50, web1.cpuPercent());
        assertEquals(Duration.ofMinutes(1), web1.cpuFor());
        assertEquals(99, web1.ramPercent());
        assertEquals(Thresholds.DEFAULTS.diskPercent(), web1.diskPercent());
        Thresholds other = policy.forServer(new Server("db", "127.0.0.1", 7002, "db"));
        assertEquals(Thresholds.DEFAULTS, other);
    }

    @Test
    void anOpenAlertFromAnEarlierRunStaysOpenUntilAReadingEndsIt() {
        Alert remembered = new Alert(WEB.endpoint(), "web-1", AlertKind.RAM, "", T0, null, 90, 97);
        AlertTracker restarted = new AlertTracker(List.of(remembered), 100);
        assertEquals(List.of(remembered), restarted.open());
        assertEquals(List.of(), restarted.observe(WEB, LIMITS, Reading.of(T0.plusSeconds(600), 1, 98, Map.of())),
                "still above: the same alert goes on, not a new one");
        List<AlertChange> ended = restarted.observe(WEB, LIMITS, Reading.of(T0.plusSeconds(700), 1, 20, Map.of()));
        assertEquals(T0, ended.get(0).alert().start());
        assertEquals(98, ended.get(0).alert().worst());
    }

    @Test
    void aRemovedServersAlertsEndAndOnlySoManyEndedAlertsAreKept() {
        AlertTracker small = new AlertTracker(List.of(), 2);
        for (int i = 0; i < 3; i++) {
            small.observe(WEB, LIMITS, Reading.of(T0.plusSeconds(i * 10), 1, 95, Map.of()));
            small.observe(WEB, LIMITS, Reading.of(T0.plusSeconds(i * 10 + 5), 1, 5, Map.of()));
        }
        assertEquals(2, small.all().size());
        assertEquals(T0.plusSeconds(20), small.all().get(0).start(), "newest first");
        small.observe(WEB, LIMITS, Reading.of(T0.plusSeconds(100), 1, 95, Map.of()));
        assertEquals(1, small.retainServers(List.of(), T0.plusSeconds(110)).size());
        assertEquals(List.of(), small.open());
        assertTrue(small.serversInAlert().isEmpty());
    }

    @Test
    void thresholdsOutOfRangeAreRefusedWithAReason() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ThresholdOverride(120.0, null, null, null, null).applyTo(Thresholds.DEFAULTS));
        assertTrue(e.getMessage().contains("CPU threshold"), e.getMessage());
    }
}
