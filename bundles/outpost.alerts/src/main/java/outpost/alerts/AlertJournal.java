package outpost.alerts;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import outpost.files.AtomicFiles;

/**
 * Keeps alerts across restarts of the console in one JSON file, written whole and atomically. A
 * file that cannot be read is moved aside (never overwritten) and the console starts without it.
 */
public final class AlertJournal {

    private static final int FORMAT = 1;

    /** The alerts read, and why none were if the file was unreadable (null when all is well). */
    public record Loaded(List<Alert> alerts, String problem) {
    }

    /** The file's form: plain strings and numbers, so that people and other tools can read it. */
    private record Entry(String server, String name, String kind, String subject, String start, String end,
            double threshold, double worst) {
    }

    private record Document(int format, List<Entry> alerts) {
    }

    private final Path file;
    private final Gson gson = new GsonBuilder().setPrettyPrinting().create();
    /** Set when an unreadable file could not be moved aside: then it must not be replaced. */
    private volatile boolean keepOffFile;

    public AlertJournal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded(List.of(), null);
        } catch (IOException e) {
            return new Loaded(List.of(), "cannot read " + file + ": " + e.getMessage());
        }
        try {
            Document document = gson.fromJson(json, Document.class);
            if (document == null || document.alerts() == null) {
                throw new JsonParseException("no alerts list");
            }
            if (document.format() != FORMAT) {
                throw new JsonParseException("format " + document.format() + " is not " + FORMAT);
            }
            List<Alert> alerts = new ArrayList<>();
            for (Entry entry : document.alerts()) {
                alerts.add(new Alert(entry.server(), entry.name(), AlertKind.valueOf(entry.kind()), entry.subject(),
                        Instant.parse(entry.start()), entry.end() == null ? null : Instant.parse(entry.end()),
                        entry.threshold(), entry.worst()));
            }
            return new Loaded(alerts, null);
        } catch (JsonParseException | DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            return new Loaded(List.of(), setAside(e));
        }
    }

    /** @throws IOException also when an unreadable file is still in the way (it is never overwritten) */
    public void save(List<Alert> alerts) throws IOException {
        if (keepOffFile) {
            throw new IOException("not saving alerts: " + file + " could not be read nor moved aside");
        }
        List<Entry> entries = alerts.stream()
                .map(a -> new Entry(a.server(), a.name(), a.kind().name(), a.subject(), a.start().toString(),
                        a.end() == null ? null : a.end().toString(), a.threshold(), a.worst()))
                .toList();
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, false, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            gson.toJson(new Document(FORMAT, entries), writer);
            writer.flush();
        });
    }

    private String setAside(Exception cause) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            return "the alerts file could not be read (" + cause.getMessage() + "); it was kept as " + aside;
        } catch (IOException e) {
            keepOffFile = true;
            return "the alerts file could not be read (" + cause.getMessage() + ") nor moved aside: " + e.getMessage();
        }
    }
}
