package outpost.agent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import outpost.protocol.Result;
import outpost.transport.AtomicFiles;

/**
 * One line per command in the data folder's {@code audit.log}: time, peer address, token name,
 * command line, status, exit code, duration. Rotates at 10 MiB, keeping 5 files
 * ({@code audit.log.0} newest).
 */
final class AuditLog implements AutoCloseable {

    static final int ROTATE_BYTES = 10 << 20;
    static final int KEEP_FILES = 5;

    private final Logger logger;
    private final FileHandler handler;

    AuditLog(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        handler = new FileHandler(dataDirectory.resolve("audit.log").toString() + ".%g", ROTATE_BYTES, KEEP_FILES, true);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + System.lineSeparator();
            }
        });
        Path current = dataDirectory.resolve("audit.log.0");
        if (Files.exists(current)) {
            AtomicFiles.restrictToOwner(current);
        }
        logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    void record(String peer, String token, String commandLine, Result result) {
        logger.log(Level.INFO, Instant.now() + " peer=" + peer + " token=" + token + " status=" + result.status()
                + " exit=" + result.exitCode() + " ms=" + result.durationMillis() + " command=" + oneLine(commandLine));
    }

    void authenticationFailed(String peer) {
        logger.log(Level.INFO, Instant.now() + " peer=" + peer + " authentication failed");
    }

    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    @Override
    public void close() {
        handler.close();
    }
}
