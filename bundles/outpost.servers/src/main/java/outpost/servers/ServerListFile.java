package outpost.servers;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import outpost.files.AtomicFiles;
import outpost.files.ContentHash;

/**
 * Loads and saves server list files; saving never leaves a half-written file behind, and keeps the
 * file's mode, owner and group.
 */
public final class ServerListFile {

    /**
     * A list file as read: its document and the version (content hash) it was read from, which a
     * save compares with the file on disk before replacing it.
     */
    public record Version(ServerListDocument document, ContentHash hash) {

        /** A file that does not exist. */
        public static final Version ABSENT = new Version(ServerListDocument.empty(), ContentHash.ABSENT);

        static Version of(byte[] content) {
            return new Version(ServerListDocument.parse(content), ContentHash.of(content));
        }
    }

    private ServerListFile() {
    }

    /** Reads the file; a file that does not exist yields an empty list. */
    public static ServerListReadResult load(Path file) throws IOException {
        return read(file).document().toReadResult();
    }

    /** Reads the file with its version; {@link Version#ABSENT} when it does not exist. */
    public static Version read(Path file) throws IOException {
        try {
            return Version.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Version.ABSENT;
        }
    }

    /**
     * Replaces the file with the document, if the file is still the version the document was made
     * from (compared just before the atomic rename).
     *
     * @throws outpost.files.FileChangedException when the file is another version now (it is left
     *                                            as it is)
     * @return the version written
     */
    public static Version write(Path file, ServerListDocument document, ContentHash basedOn) throws IOException {
        byte[] content = document.bytes();
        AtomicFiles.replace(file, basedOn, out -> out.write(content));
        return new Version(document, ContentHash.of(content));
    }

    /** Writes a whole new list in the header form (an export), replacing whatever the file holds. */
    public static void save(Path file, List<Server> servers) throws IOException {
        AtomicFiles.write(file, false, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            ServerListCsv.write(servers, writer);
            writer.flush();
        });
    }
}
