package outpost.servers;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes server lists as CSV. Two forms are read: the original two-column
 * {@code ip,port} lines, and a header line naming the columns {@code name, host, port, group} in any
 * order. Rows that cannot be taken are reported with their line number; the others still load.
 * Writing always uses the header form.
 */
public final class ServerListCsv {

    public static final List<String> COLUMNS = List.of("name", "host", "port", "group");

    private static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setCommentMarker('#')
            .get();
    private static final CSVFormat WRITE_FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .setRecordSeparator('\n')
            .get();

    private ServerListCsv() {
    }

    public static ServerListReadResult read(String text) {
        List<Server> servers = new ArrayList<>();
        List<ServerListProblem> problems = new ArrayList<>();
        LineCounter lines = new LineCounter(text);
        Map<String, Integer> header = null;
        Map<String, Long> seen = new HashMap<>();
        Map<Server, Long> serverLines = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), READ_FORMAT)) {
            for (CSVRecord record : parser) {
                long line = lines.lineAt(record.getCharacterPosition());
                if (header == null && servers.isEmpty() && problems.isEmpty() && isHeader(record)) {
                    header = headerColumns(record, line, problems);
                    if (header == null) {
                        break;
                    }
                    continue;
                }
                try {
                    Server server = header == null ? positional(record) : named(record, header);
                    String key = server.host().toLowerCase(Locale.ROOT) + ":" + server.port();
                    Long first = seen.putIfAbsent(key, line);
                    if (first != null) {
                        problems.add(new ServerListProblem(line, "duplicate of line " + first + " (" + server.endpoint() + ")"));
                    } else {
                        servers.add(server);
                        serverLines.put(server, line);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(new ServerListProblem(line, e.getMessage()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Broken quoting ends the parse: report where, keep what was read before it.
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            problems.add(new ServerListProblem(lines.lastLine(), "unreadable CSV from here on: " + reason));
        }
        return new ServerListReadResult(servers, problems, serverLines);
    }

    /** Writes the header form; flushes but does not close {@code out}, which the caller owns. */
    public static void write(List<Server> servers, Writer out) throws IOException {
        @SuppressWarnings("resource") // closing the printer would close the caller's writer
        CSVPrinter printer = new CSVPrinter(out, WRITE_FORMAT);
        for (Server server : servers) {
            printer.printRecord(server.name(), server.host(), server.port(), server.group());
        }
        printer.flush();
    }

    private static boolean isHeader(CSVRecord record) {
        for (String cell : record) {
            if (cell.trim().equalsIgnoreCase("host")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Integer> headerColumns(CSVRecord record, long line, List<ServerListProblem> problems) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                problems.add(new ServerListProblem(line, "unknown column '" + record.get(i).trim()
                        + "' in the header (known: " + String.join(", ", COLUMNS) + ")"));
                return null;
            }
            columns.put(name, i);
        }
        if (!columns.containsKey("port")) {
            problems.add(new ServerListProblem(line, "the header has no 'port' column"));
            return null;
        }
        return columns;
    }

    private static Server positional(CSVRecord record) {
        if (record.size() != 2) {
            throw new IllegalArgumentException("expected 'host,port' (or a header line naming the columns), found "
                    + record.size() + " fields");
        }
        return new Server(null, record.get(0).trim(), port(record.get(1)), null);
    }

    private static Server named(CSVRecord record, Map<String, Integer> header) {
        if (record.size() != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " fields as in the header, found " + record.size());
        }
        return new Server(cell(record, header, "name"), cell(record, header, "host"), port(cell(record, header, "port")),
                cell(record, header, "group"));
    }

    private static String cell(CSVRecord record, Map<String, Integer> header, String column) {
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

    /** Maps character offsets to 1-based line numbers (quoted fields may span lines). */
    private static final class LineCounter {
        private final String text;
        private int offset;
        private long line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        long lineAt(long position) {
            while (offset < position && offset < text.length()) {
                if (text.charAt(offset++) == '\n') {
                    line++;
                }
            }
            // The parser's position is where the previous record ended: step over the rest of
            // that line and the blank and comment lines the parser skipped.
            while (offset < text.length()) {
                int lineEnd = text.indexOf('\n', offset);
                if (lineEnd < 0) {
                    break;
                }
                String content = text.substring(offset, lineEnd).strip();
                if (!content.isEmpty() && !content.startsWith("#")) {
                    break;
                }
                offset = lineEnd + 1;
                line++;
            }
            return line;
        }

        long lastLine() {
            return line;
        }
    }
}
