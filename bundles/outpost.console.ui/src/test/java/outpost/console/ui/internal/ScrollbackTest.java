package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrollbackTest {

    @TempDir
    Path directory;

    @Test
    void keepsTheLastLinesOfATextPastTheLimit() {
        String text = "a\nb\nc\n";
        assertEquals("b\nc\n", text.substring(Scrollback.keepFrom(text, 2)));
        assertEquals("c\n", text.substring(Scrollback.keepFrom(text, 1)));
        assertEquals(0, Scrollback.keepFrom(text, 3));
        assertEquals(0, Scrollback.keepFrom(text, 10));
        assertEquals("b\nc", "a\nb\nc".substring(Scrollback.keepFrom("a\nb\nc", 2)), "an unfinished last line counts");
    }

    @Test
    void aMillionLinesAreCutToTheLimit() {
        StringBuilder flood = new StringBuilder();
        for (int i = 1; i <= 1_000_000; i++) {
            flood.append(i).append('\n');
        }
        String kept = flood.substring(Scrollback.keepFrom(flood, 10_000));
        assertEquals(10_000, kept.split("\n").length);
        assertEquals("990001", kept.substring(0, kept.indexOf('\n')));
    }

    @Test
    void linesToDropFromTheWidget() {
        assertEquals(0, Scrollback.linesToDrop(100, 100));
        assertEquals(5, Scrollback.linesToDrop(105, 100));
        assertThrows(IllegalArgumentException.class, () -> Scrollback.keepFrom("x", 0));
    }

    @Test
    void savingATranscriptReplacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path file = directory.resolve("web-01-transcript.txt");
        Files.writeString(file, "old transcript");
        TranscriptFile.write(file, "12:00:00  > cpu\nCPU: 3 %\n");
        assertEquals("12:00:00  > cpu\nCPU: 3 %\n", Files.readString(file, StandardCharsets.UTF_8));
        try (var listing = Files.list(directory)) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }
}
