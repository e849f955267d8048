package outpost.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertJournalTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void alertsSurviveASaveAndALoadOpenOrEnded() throws IOException {
        AlertJournal journal = new AlertJournal(dir.resolve("state/alerts.json"));
        List<Alert> alerts = List.of(
                new Alert("127.0.0.1:7001", "web-1", AlertKind.DISK, "/var", T0, null, 85, 91.5),
                new Alert("[::1]:7002", "db", AlertKind.UNREACHABLE, "", T0, T0.plusSeconds(90), 30, 88));
        journal.save(alerts);
        AlertJournal.Loaded loaded = new AlertJournal(dir.resolve("state/alerts.json")).load();
        assertNull(loaded.problem());
        assertEquals(alerts, loaded.alerts());
    }

    @Test
    void noFileMeansNoAlertsAndNoProblem() {
        AlertJournal.Loaded loaded = new AlertJournal(dir.resolve("alerts.json")).load();
        assertEquals(List.of(), loaded.alerts());
        assertNull(loaded.problem());
    }

    @Test
    void anUnreadableFileIsKeptAsideNotOverwritten() throws IOException {
        Path file = dir.resolve("alerts.json");
        Files.writeString(file, "{\"format\":1,\"alerts\":[{\"server\":\"x\",\"kind\":\"FIRE\"");
        AlertJournal journal = new AlertJournal(file);
        AlertJournal.Loaded loaded = journal.load();
        assertEquals(List.of(), loaded.alerts());
        assertTrue(loaded.problem().contains("kept as"), loaded.problem());
        try (var aside = Files.list(dir)) {
            Path kept = aside.filter(p -> p.getFileName().toString().startsWith("alerts.json.unreadable-"))
                    .findFirst().orElseThrow();
            assertTrue(Files.readString(kept).contains("FIRE"));
        }
        journal.save(List.of());
        assertEquals(List.of(), journal.load().alerts());
    }

    @Test
    void aFileOfAnotherFormatIsNotTakenForAlerts() throws IOException {
        Path file = dir.resolve("alerts.json");
        Files.writeString(file, "{\"format\":2,\"alerts\":[]}");
        assertTrue(new AlertJournal(file).load().problem().contains("format 2"));
    }
}
