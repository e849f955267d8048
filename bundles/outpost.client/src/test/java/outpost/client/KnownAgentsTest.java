package outpost.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The known-agents file: a shared instance parses it once but every lookup sees its current content. */
class KnownAgentsTest {

    private static final String FIRST = "SHA256:" + "a".repeat(43);
    private static final String SECOND = "SHA256:" + "b".repeat(43);

    @TempDir
    Path folder;

    @Test
    void aLookupSeesAChangeMadeByAnotherClientOrByHandAtOnce() throws IOException {
        Path file = folder.resolve("known_agents");
        KnownAgents mine = KnownAgents.sharedBySessions(file);
        KnownAgents other = new KnownAgents(file);
        assertEquals(Optional.empty(), mine.fingerprint("agent-1", 5005));
        mine.remember("agent-1", 5005, FIRST);
        assertEquals(Optional.of(FIRST), mine.fingerprint("agent-1", 5005));

        other.remember("agent-2", 5005, SECOND);
        assertEquals(Optional.of(SECOND), mine.fingerprint("agent-2", 5005));

        // the same length, so only the content tells the change (the file escapes ':', so replace the rest)
        String changed = "SHA256:" + "c".repeat(43);
        Files.writeString(file, Files.readString(file).replace("a".repeat(43), "c".repeat(43)));
        assertEquals(Optional.of(changed), mine.fingerprint("agent-1", 5005));

        Files.delete(file);
        assertEquals(Optional.empty(), mine.fingerprint("agent-1", 5005));
    }

    @Test
    void rememberingKeepsThePinsAnotherClientAddedMeanwhile() throws IOException {
        Path file = folder.resolve("known_agents");
        KnownAgents mine = KnownAgents.sharedBySessions(file);
        mine.remember("agent-1", 5005, FIRST);
        new KnownAgents(file).remember("agent-2", 5005, SECOND);
        mine.remember("agent-3", 5005, FIRST);
        KnownAgents fresh = new KnownAgents(file);
        assertEquals(Optional.of(FIRST), fresh.fingerprint("agent-1", 5005));
        assertEquals(Optional.of(SECOND), fresh.fingerprint("agent-2", 5005));
        assertEquals(Optional.of(FIRST), fresh.fingerprint("agent-3", 5005));
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorNotAGuess() throws IOException {
        Path file = folder.resolve("known_agents");
        Files.write(file, new byte[] { 'a', '=', (byte) 0xC3, (byte) 0x28 });
        assertThrows(IOException.class, () -> new KnownAgents(file).fingerprint("a", 1));
        assertThrows(IOException.class, () -> KnownAgents.sharedBySessions(file).fingerprint("a", 1));
    }
}
