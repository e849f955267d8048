package outpost.agent.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import outpost.protocol.Result;
import outpost.protocol.ResultStatus;

class AuditLogTest {

    @TempDir
    Path data;

    @Test
    void timesAreUtcWithMilliseconds() {
        DateTimeFormatter expected = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
        AuditLog.Timestamps timestamps = new AuditLog.Timestamps();
        SplittableRandom random = new SplittableRandom(3);
        Instant time = Instant.parse("2026-11-24T07:58:59.998Z");
        for (int i = 0; i < 10_000; i++) {
            // mostly small steps (the cached second is reused), sometimes a jump back or ahead
            time = i % 100 == 0 ? Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000))
                    : time.plusNanos(random.nextLong(0, 3_000_000));
            StringBuilder text = new StringBuilder();
            timestamps.append(text, time);
            assertEquals(expected.format(time), text.toString());
        }
    }

    @Test
    void aQueuedLineIsWrittenWhenTheLogCloses() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            AuditLog audit = new AuditLog(data, timers);
            audit.recordBatched("127.0.0.1:5000", "reader", "cpu", Result.ok(1, 0));
            audit.record("127.0.0.1:5000", "admin", "sh: ls", Result.of(2, ResultStatus.OK, ""));
            String atOnce = Files.readString(data.resolve("audit.log.0"));
            assertTrue(atOnce.indexOf("command=cpu") < atOnce.indexOf("command=sh: ls"), atOnce);
            audit.recordBatched("127.0.0.1:5000", "reader", "ram", Result.ok(3, 0));
            audit.close(); // before the batch delay is over
            String closed = Files.readString(data.resolve("audit.log.0"));
            assertTrue(closed.contains("token=reader status=OK exit=0 ms=0 command=ram"), closed);
            audit.recordBatched("127.0.0.1:5000", "reader", "os", Result.ok(4, 0));
            assertFalse(Files.readString(data.resolve("audit.log.0")).contains("command=os"), "nothing after close");
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void closingWaitsForARequestThatEndsAMomentAfterItsConnection() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            AuditLog audit = new AuditLog(data, timers);
            audit.expect(); // a shell command whose process is being killed
            timers.schedule(() -> audit.record("127.0.0.1:5000", "admin", "sh: sleep 30",
                    Result.of(5, ResultStatus.CANCELLED, "cancelled")), 200, TimeUnit.MILLISECONDS);
            audit.closeAfterPending(Duration.ofSeconds(10));
            String closed = Files.readString(data.resolve("audit.log.0"));
            assertTrue(closed.contains("status=CANCELLED exit=0 ms=0 command=sh: sleep 30"), closed);
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    @Timeout(30) // guards against a close that would wait forever
    void closingGivesUpOnARequestThatNeverEnds() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            AuditLog audit = new AuditLog(data, timers);
            audit.expect();
            audit.recordBatched("127.0.0.1:5000", "reader", "ram", Result.ok(3, 0));
            audit.expect(); // never recorded
            audit.closeAfterPending(Duration.ofMillis(300));
            assertTrue(Files.readString(data.resolve("audit.log.0")).contains("command=ram"));
            audit.record("127.0.0.1:5000", "admin", "sh: late", Result.of(6, ResultStatus.OK, ""));
            assertFalse(Files.readString(data.resolve("audit.log.0")).contains("sh: late"), "nothing after close");
        } finally {
            timers.shutdownNow();
        }
    }
}
