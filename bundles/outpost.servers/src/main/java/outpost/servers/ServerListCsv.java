package outpost.servers;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Reads and writes server lists as CSV. Two forms are read: the original two-column
 * {@code ip,port} lines, and a header line naming the columns {@code name, host, port, group} in any
 * order. Rows that cannot be taken are reported with their line number; the others still load.
 * Writing a whole new list (an export) uses the header form; the list file itself is changed row
 * by row through {@link ServerListDocument}.
 */
public final class ServerListCsv {

    public static final List<String> COLUMNS = ServerListDocument.COLUMNS;

    private static final CSVFormat WRITE_FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .setRecordSeparator('\n')
            .get();

    private ServerListCsv() {
    }

    /** Reads a list; see {@link ServerListDocument} for the forms and what happens to unreadable rows. */
    public static ServerListReadResult read(String text) {
        return ServerListDocument.parse(text).toReadResult();
    }

    /** Writes the header form; flushes but does not close {@code out}, which the caller owns. */
    public static void write(List<Server> servers, Writer out) throws IOException {
        @SuppressWarnings("resource") // closing the printer would close the caller's writer
        CSVPrinter printer = new CSVPrinter(out, WRITE_FORMAT);
        for (Server server : servers) {
            printer.printRecord(server.hasName() ? server.name() : "", server.host(), server.port(), server.group());
        }
        printer.flush();
    }
}
