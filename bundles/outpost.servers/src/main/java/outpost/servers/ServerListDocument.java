package outpost.servers;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A server list file as a document: every record or line with its original text, so that a change
 * rewrites only the rows it changes, appends new rows at the end, removes only removed rows, and
 * writes everything else back byte for byte: comments, blank lines, and rows that could not be read
 * (they stay in place, reported as {@link #problems()}).
 * <p>
 * Two forms are read: the original two-column {@code ip,port} rows, and a header line naming the
 * columns {@code name, host, port, group} in any order. Changed rows are written in the file's own
 * form; a server that form cannot hold (a name or a group in an {@code ip,port} file) needs
 * {@link #toHeaderForm()} first. Immutable: every change returns a new document.
 */
public final class ServerListDocument {

    public static final List<String> COLUMNS = List.of("name", "host", "port", "group");
    private static final List<String> TWO_COLUMNS = List.of("host", "port");

    private static final CSVFormat RECORD_FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private enum Kind {
        /** A comment or a blank line. */
        NOTE,
        /** A row that could not be read: written back as it was. */
        KEPT, HEADER, SERVER
    }

    /** One line, or one record spanning lines, with its text as in the file (line end included). */
    private record Entry(Kind kind, String text, Server server) {

        static Entry kept(String text) {
            return new Entry(Kind.KEPT, text, null);
        }

        /** The entry's line end ("" on a last line without one). */
        String lineEnd() {
            return text.endsWith("\r\n") ? "\r\n" : text.endsWith("\n") ? "\n" : "";
        }
    }

    private final boolean byteOrderMark;
    private final List<Entry> entries;
    /** The columns rows are written with: the header's, {@link #TWO_COLUMNS}, or {@link #COLUMNS} for a new file. */
    private final List<String> columns;
    private final boolean hasHeader;
    /** Why rows cannot be changed (a header naming unknown columns), or null. */
    private final String unusable;
    private final List<Server> servers;
    private final Map<Server, Long> lines;
    private final List<ServerListProblem> problems;

    private ServerListDocument(boolean byteOrderMark, List<Entry> entries, List<String> columns, boolean hasHeader,
            String unusable, List<Server> servers, Map<Server, Long> lines, List<ServerListProblem> problems) {
        this.byteOrderMark = byteOrderMark;
        this.entries = List.copyOf(entries);
        this.columns = List.copyOf(columns);
        this.hasHeader = hasHeader;
        this.unusable = unusable;
        this.servers = List.copyOf(servers);
        this.lines = Map.copyOf(lines);
        this.problems = List.copyOf(problems);
    }

    /** A list file that does not exist yet: rows will be written in the header form. */
    public static ServerListDocument empty() {
        return parse("");
    }

    /** The document of a file's bytes (UTF-8, with or without a byte order mark). */
    public static ServerListDocument parse(byte[] content) {
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString(), null);
        } catch (CharacterCodingException e) {
            // Rewriting would change the bytes that are not UTF-8: read what can be read, change nothing.
            return parse(new String(content, StandardCharsets.UTF_8),
                    "the file is not UTF-8 text (save it as UTF-8 to edit it in the console)");
        }
    }

    public static ServerListDocument parse(String text) {
        return parse(text, null);
    }

    private static ServerListDocument parse(String text, String unusable) {
        boolean bom = !text.isEmpty() && text.charAt(0) == '\uFEFF'; // spreadsheet programs write one
        return new Parser(bom ? text.substring(1) : text, bom, unusable).parse();
    }

    /** The servers read, in file order. */
    public List<Server> servers() {
        return servers;
    }

    /** The rows that could not be read (they stay in the file), by line. */
    public List<ServerListProblem> problems() {
        return problems;
    }

    public ServerListReadResult toReadResult() {
        return new ServerListReadResult(servers, problems, lines);
    }

    /** The server with the same host and port, if any. */
    public Optional<Server> find(Server endpoint) {
        return servers.stream().filter(endpoint::sameEndpoint).findFirst();
    }

    /** Whether the file is in the original {@code ip,port} form (no header line, two columns). */
    public boolean isTwoColumnForm() {
        return !hasHeader && columns.equals(TWO_COLUMNS);
    }

    /** Whether the server can be written in the file's form without losing its name or group. */
    public boolean canHold(Server server) {
        return (columns.contains("name") || !server.hasName()) && (columns.contains("group") || server.group().isEmpty());
    }

    public String text() {
        StringBuilder text = new StringBuilder(byteOrderMark ? "\uFEFF" : "");
        entries.forEach(entry -> text.append(entry.text()));
        return text.toString();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The document with the server appended as the last row.
     *
     * @throws IllegalArgumentException when a server with the same host and port is in the list
     * @throws IllegalStateException    when the file's form cannot hold the server (see {@link #canHold}),
     *                                  or the file cannot be changed at all (a header naming unknown
     *                                  columns, text that is not UTF-8)
     */
    public ServerListDocument add(Server server) {
        requireWritable(server);
        refuseDuplicate(server, null);
        List<Entry> changed = new ArrayList<>(entries);
        endLastLine(changed);
        if (!hasHeader) {
            if (!columns.equals(TWO_COLUMNS)) {
                changed.add(new Entry(Kind.HEADER, String.join(",", columns) + lineSeparator(), null));
            }
        }
        changed.add(new Entry(Kind.SERVER, row(server, columns) + lineSeparator(), server));
        return rebuilt(changed);
    }

    /**
     * The document with the row of {@code old} (found by host and port) rewritten as {@code edited},
     * in the same place.
     *
     * @throws IllegalArgumentException when no row has the old host and port, or another row has
     *                                  the edited ones
     * @throws IllegalStateException    when the file's form cannot hold the edited server
     */
    public ServerListDocument replace(Server old, Server edited) {
        requireWritable(edited);
        int index = indexOf(old);
        if (index < 0) {
            throw new IllegalArgumentException("'" + old.name() + "' (" + old.endpoint() + ") is no longer in the list file");
        }
        Server current = entries.get(index).server();
        refuseDuplicate(edited, current);
        if (current.equals(edited)) {
            return this;
        }
        List<Entry> changed = new ArrayList<>(entries);
        changed.set(index, new Entry(Kind.SERVER, row(edited, columns) + entries.get(index).lineEnd(), edited));
        return rebuilt(changed);
    }

    /** The document without the rows of these servers (found by host and port; others are ignored). */
    public ServerListDocument remove(Collection<Server> removed) {
        requireUsable();
        List<Entry> changed = new ArrayList<>(entries);
        changed.removeIf(entry -> entry.kind() == Kind.SERVER && removed.stream().anyMatch(entry.server()::sameEndpoint));
        if (changed.size() == entries.size()) {
            return this;
        }
        return rebuilt(changed);
    }

    /**
     * The document with the rows of exactly these servers: rows of servers not among them removed,
     * changed ones rewritten in place, new ones appended; every other line kept.
     */
    public ServerListDocument withServers(List<Server> wanted) {
        ServerListDocument document = remove(servers.stream()
                .filter(server -> wanted.stream().noneMatch(server::sameEndpoint)).toList());
        for (Server server : wanted) {
            document = document.find(server).isPresent() ? document.replace(server, server) : document.add(server);
        }
        return document;
    }

    /**
     * The document in the header form ({@code name,host,port,group}): a header line where the old
     * one was (or before the first row), every server row rewritten with all four columns; comments,
     * blank lines and unreadable rows kept as they were. The same document when it already has them.
     */
    public ServerListDocument toHeaderForm() {
        requireUsable();
        if (columns.containsAll(COLUMNS)) {
            return this;
        }
        List<Entry> changed = new ArrayList<>();
        boolean headerWritten = false;
        for (Entry entry : entries) {
            if (!headerWritten && entry.kind() != Kind.NOTE || entry.kind() == Kind.HEADER) {
                String lineEnd = entry.kind() == Kind.HEADER ? entry.lineEnd() : lineSeparator();
                changed.add(new Entry(Kind.HEADER, String.join(",", COLUMNS) + lineEnd, null));
                headerWritten = true;
                if (entry.kind() == Kind.HEADER) {
                    continue;
                }
            }
            changed.add(entry.kind() == Kind.SERVER
                    ? new Entry(Kind.SERVER, row(entry.server(), COLUMNS) + entry.lineEnd(), entry.server())
                    : entry);
        }
        if (!headerWritten) {
            endLastLine(changed);
            changed.add(new Entry(Kind.HEADER, String.join(",", COLUMNS) + lineSeparator(), null));
        }
        return rebuilt(changed);
    }

    private void requireUsable() {
        if (unusable != null) {
            throw new IllegalStateException("The list file is not changed by the console until this is fixed: " + unusable);
        }
    }

    private void requireWritable(Server server) {
        requireUsable();
        if (server.viaBroker()) { // the broker's fleet directory holds these; a list file names addresses
            throw new IllegalArgumentException("'" + server.name() + "' is reached through the broker: it has no row in a list file");
        }
        if (!canHold(server)) {
            throw new IllegalStateException("The list file has only the columns " + String.join(", ", columns)
                    + ": '" + server.name() + "' needs the header form");
        }
    }

    private void refuseDuplicate(Server server, Server exempt) {
        for (Server other : servers) {
            if (other != exempt && other.sameEndpoint(server)) {
                throw new IllegalArgumentException(server.endpoint() + " is already in the list as '" + other.name() + "'");
            }
        }
    }

    private int indexOf(Server endpoint) {
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.kind() == Kind.SERVER && entry.server().sameEndpoint(endpoint)) {
                return i;
            }
        }
        return -1;
    }

    /** The line end the file uses most: CRLF if its first line has one, else LF. */
    private String lineSeparator() {
        return entries.isEmpty() || !entries.get(0).lineEnd().equals("\r\n") ? "\n" : "\r\n";
    }

    /** A last line without a line end gets one before anything is appended after it. */
    private void endLastLine(List<Entry> changed) {
        if (!changed.isEmpty() && changed.get(changed.size() - 1).lineEnd().isEmpty()) {
            Entry last = changed.remove(changed.size() - 1);
            changed.add(new Entry(last.kind(), last.text() + lineSeparator(), last.server()));
        }
    }

    private static String row(Server server, List<String> columns) {
        Object[] cells = new Object[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = switch (columns.get(i)) {
            case "name" -> server.hasName() ? server.name() : "";
            case "host" -> server.host();
            case "port" -> Integer.toString(server.port());
            default -> server.group();
            };
        }
        return CSVFormat.DEFAULT.format(cells);
    }

    /** Parses the changed text again, so servers, problems and line numbers always match the text. */
    private ServerListDocument rebuilt(List<Entry> changed) {
        StringBuilder text = new StringBuilder();
        changed.forEach(entry -> text.append(entry.text()));
        return new Parser(text.toString(), byteOrderMark, null).parse();
    }

    @Override
    public String toString() {
        return text();
    }

    /** Splits the text into lines, joins the lines of quoted fields, and reads each record with Commons CSV. */
    private static final class Parser {
        private final String text;
        private final boolean byteOrderMark;
        private final List<Entry> entries = new ArrayList<>();
        private final List<Server> servers = new ArrayList<>();
        private final Map<Server, Long> lines = new HashMap<>();
        private final List<ServerListProblem> problems = new ArrayList<>();
        private final Map<String, Long> seen = new HashMap<>();
        private Map<String, Integer> header;
        private String unusable;
        private boolean badHeader;
        private boolean anyRecord;

        Parser(String text, boolean byteOrderMark, String unusable) {
            this.text = text;
            this.byteOrderMark = byteOrderMark;
            this.unusable = unusable;
            if (unusable != null) {
                problems.add(new ServerListProblem(1, unusable));
            }
        }

        ServerListDocument parse() {
            List<String> physical = physicalLines();
            for (int i = 0; i < physical.size();) {
                long line = i + 1;
                StringBuilder chunk = new StringBuilder(physical.get(i++));
                String content = chunk.toString().strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    entries.add(new Entry(Kind.NOTE, chunk.toString(), null));
                    continue;
                }
                CSVRecord record;
                while (true) {
                    try {
                        record = record(chunk.toString());
                        break;
                    } catch (IOException | UncheckedIOException e) {
                        // A quoted field may hold line breaks: while a quote is open, the record goes on.
                        if (!String.valueOf(e.getMessage()).contains("EOF reached") || i == physical.size()) {
                            record = null;
                            problems.add(new ServerListProblem(line, e.getMessage().contains("EOF reached")
                                    ? "unreadable CSV from here on: a quote is never closed"
                                    : "unreadable CSV: " + e.getMessage().replaceFirst(" at line: .*", "")));
                            break;
                        }
                        chunk.append(physical.get(i++));
                    }
                }
                if (record == null) {
                    entries.add(Entry.kept(chunk.toString()));
                    anyRecord = true;
                    continue;
                }
                take(record, chunk.toString(), line);
            }
            List<String> columns = header != null ? List.copyOf(headerOrder()) : anyRecord ? TWO_COLUMNS : COLUMNS;
            return new ServerListDocument(byteOrderMark, entries, columns, header != null || badHeader, unusable,
                    servers, lines, problems);
        }

        private static CSVRecord record(String chunk) throws IOException {
            try (CSVParser parser = CSVParser.parse(new StringReader(chunk), RECORD_FORMAT)) {
                List<CSVRecord> records = parser.getRecords();
                if (records.size() != 1) {
                    throw new IOException("expected one record, found " + records.size());
                }
                return records.get(0);
            }
        }

        private void take(CSVRecord record, String chunk, long line) {
            if (badHeader) {
                entries.add(Entry.kept(chunk)); // the header's problem says why
                return;
            }
            if (!anyRecord && isHeader(record)) {
                anyRecord = true;
                header = headerColumns(record, line);
                entries.add(header == null ? Entry.kept(chunk) : new Entry(Kind.HEADER, chunk, null));
                return;
            }
            anyRecord = true;
            try {
                Server server = header == null ? positional(record) : named(record);
                String key = server.host().toLowerCase(Locale.ROOT) + ":" + server.port();
                Long first = seen.putIfAbsent(key, line);
                if (first != null) {
                    throw new IllegalArgumentException("duplicate of line " + first + " (" + server.endpoint() + ")");
                }
                servers.add(server);
                lines.put(server, line);
                entries.add(new Entry(Kind.SERVER, chunk, server));
            } catch (IllegalArgumentException e) {
                problems.add(new ServerListProblem(line, e.getMessage()));
                entries.add(Entry.kept(chunk));
            }
        }

        private List<String> physicalLines() {
            List<String> result = new ArrayList<>();
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                end = end < 0 ? text.length() : end + 1;
                result.add(text.substring(start, end));
                start = end;
            }
            return result;
        }

        private List<String> headerOrder() {
            List<String> order = new ArrayList<>(header.keySet());
            order.sort((a, b) -> Integer.compare(header.get(a), header.get(b)));
            return order;
        }

        private static boolean isHeader(CSVRecord record) {
            for (String cell : record) {
                if (cell.trim().equalsIgnoreCase("host")) {
                    return true;
                }
            }
            return false;
        }

        private Map<String, Integer> headerColumns(CSVRecord record, long line) {
            Map<String, Integer> found = new LinkedHashMap<>();
            for (int i = 0; i < record.size(); i++) {
                String name = record.get(i).trim().toLowerCase(Locale.ROOT);
                if (!COLUMNS.contains(name)) {
                    badHeader = true;
                    unusable = "unknown column '" + record.get(i).trim() + "' in the header (known: " + String.join(", ", COLUMNS) + ")";
                    problems.add(new ServerListProblem(line, unusable));
                    return null;
                }
                found.put(name, i);
            }
            if (!found.containsKey("port")) {
                badHeader = true;
                unusable = "the header has no 'port' column";
                problems.add(new ServerListProblem(line, unusable));
                return null;
            }
            return found;
        }

        private static Server positional(CSVRecord record) {
            if (record.size() != 2) {
                throw new IllegalArgumentException("expected 'host,port' (or a header line naming the columns), found "
                        + record.size() + " fields");
            }
            return new Server(null, record.get(0).trim(), port(record.get(1)), null);
        }

        private Server named(CSVRecord record) {
            if (record.size() != header.size()) {
                throw new IllegalArgumentException("expected " + header.size() + " fields as in the header, found " + record.size());
            }
            return new Server(cell(record, "name"), cell(record, "host"), port(cell(record, "port")), cell(record, "group"));
        }

        private String cell(CSVRecord record, String column) {
            Integer index = header.get(column);
            return index == null ? "" : record.get(index).trim();
        }

        private static int port(String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port must be a number, not '" + text.trim() + "'");
            }
        }
    }
}
