package outpost.servers;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Loads and saves a server list file; saving never leaves a half-written file behind. */
public final class ServerListFile {

    private ServerListFile() {
    }

    /** Reads the file; a file that does not exist yields an empty list. */
    public static ServerListReadResult load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new ServerListReadResult(List.of(), List.of());
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // spreadsheet programs write a byte order mark
        }
        return ServerListCsv.read(text);
    }

    /**
     * Writes the list to a temporary file beside the target, forces it to disk, then renames it over
     * the target: a crash or a full disk leaves the old file intact.
     */
    public static void save(Path file, List<Server> servers) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    Writer writer = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8)) {
                ServerListCsv.write(servers, writer);
                writer.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
