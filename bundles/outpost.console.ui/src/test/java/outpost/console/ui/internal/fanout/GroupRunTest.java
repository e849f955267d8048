package outpost.console.ui.internal.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import outpost.client.fanout.FanOutOutcome;
import outpost.client.fanout.FanOutStatus;
import outpost.servers.Server;

/** The rows of a group command as the fan-out's events arrive. */
class GroupRunTest {

    private final Server web = new Server("web", "web.example", 5005, "prod");
    private final Server db = new Server("db", "db.example", 5005, "prod");
    private final Server gone = new Server("gone", "gone.invalid", 5005, "prod");
    private final AtomicInteger changes = new AtomicInteger();
    private final GroupRun run = new GroupRun(List.of(web, db, gone), changes::incrementAndGet);

    @Test
    void everyRowWaitsAtFirstAndNothingIsCountedAsEnded() {
        assertEquals(List.of(FanOutStatus.WAITING, FanOutStatus.WAITING, FanOutStatus.WAITING), statuses());
        assertEquals("0 ok, 0 failed, 0 unreachable, 3 under way", run.summary());
        assertFalse(run.finished());
    }

    @Test
    void aRunningRowShowsItsFirstLineBeforeTheCommandEnds() {
        run.status(web, FanOutStatus.CONNECTING);
        run.status(web, FanOutStatus.RUNNING);
        run.output(web, "\nhello-");
        run.output(web, "42\nsecond line\n");
        GroupRun.Row row = run.rows().get(0);
        assertEquals(FanOutStatus.RUNNING, row.status());
        assertEquals("hello-42", row.firstLine(), "chunks join; the leading blank line is skipped");
        assertNull(row.exitCode(), "no exit code before the end");
        assertNull(row.duration());
        assertEquals("\nhello-42\nsecond line\n", run.output(0));
        assertEquals(2, run.outputVersion(0), "each chunk is news for the output pane");
        assertEquals(0, run.outputVersion(1));
        assertEquals(4, changes.get(), "every event tells the editor");
    }

    @Test
    void finishedRowsTakeTheOutcomeAndTheSummaryCountsThem() {
        run.finished(new FanOutOutcome<>(web, FanOutStatus.OK, 0, Duration.ofMillis(12), "hello-42\n", null));
        run.finished(new FanOutOutcome<>(db, FanOutStatus.FAILED, 2, Duration.ofMillis(1500), "", "exit code 2"));
        assertEquals("1 ok, 1 failed, 0 unreachable, 1 under way", run.summary());
        run.finished(new FanOutOutcome<>(gone, FanOutStatus.UNREACHABLE, null, Duration.ofSeconds(5), "",
                "Connection refused: gone.invalid:5005"));
        List<GroupRun.Row> rows = run.rows();
        assertEquals(0, rows.get(0).exitCode());
        assertEquals(Duration.ofMillis(12), rows.get(0).duration());
        assertEquals("hello-42", rows.get(0).firstLine());
        assertEquals(2, rows.get(1).exitCode());
        assertEquals("exit code 2", rows.get(1).firstLine(), "without output the reason stands in");
        assertEquals(FanOutStatus.UNREACHABLE, rows.get(2).status());
        assertEquals("1 ok, 1 failed, 1 unreachable", run.summary());
        assertTrue(run.finished());
        assertEquals("[unreachable: Connection refused: gone.invalid:5005]", run.output(2), "the full output says why");
    }

    @Test
    void forbiddenAndCancelledRowsAreCountedWhenThereAreAny() {
        run.finished(new FanOutOutcome<>(web, FanOutStatus.FORBIDDEN, null, Duration.ofMillis(3), "",
                "shell commands are off on this agent"));
        run.finished(new FanOutOutcome<>(db, FanOutStatus.CANCELLED, null, Duration.ofSeconds(2), "partial\n", "cancelled"));
        run.finished(new FanOutOutcome<>(gone, FanOutStatus.CANCELLED, null, Duration.ZERO, "", "cancelled before it started"));
        assertEquals("0 ok, 0 failed, 0 unreachable, 1 forbidden, 2 cancelled", run.summary());
        assertEquals("partial\n[cancelled: cancelled]", run.output(1), "what came before the cancel is kept");
    }

    @Test
    void aLateStatusOrChunkNeverReopensAnEndedRow() {
        run.finished(new FanOutOutcome<>(web, FanOutStatus.CANCELLED, null, Duration.ofMillis(5), "", "cancelled"));
        long ended = run.outputVersion(0);
        run.status(web, FanOutStatus.RUNNING);
        run.output(web, "late\n");
        assertEquals(ended, run.outputVersion(0), "nothing new to show");
        assertEquals(FanOutStatus.CANCELLED, run.rows().get(0).status());
        assertEquals("[cancelled: cancelled]", run.output(0));
    }

    private List<FanOutStatus> statuses() {
        return run.rows().stream().map(GroupRun.Row::status).toList();
    }
}
