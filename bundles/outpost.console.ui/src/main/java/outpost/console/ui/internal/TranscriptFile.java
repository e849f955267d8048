package outpost.console.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import outpost.files.AtomicFiles;

/**
 * Writes a transcript to a file atomically ({@link AtomicFiles}: a temporary file
 * beside it, forced to disk, then a rename), so a full disk or a crash leaves the old file or the
 * new one, never half of one.
 */
final class TranscriptFile {

    private TranscriptFile() {
    }

    static void write(Path file, String transcript) throws IOException {
        AtomicFiles.write(file.toAbsolutePath(), false, out -> out.write(transcript.getBytes(StandardCharsets.UTF_8)));
    }
}
