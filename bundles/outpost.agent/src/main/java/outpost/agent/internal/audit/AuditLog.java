package outpost.agent.internal.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import outpost.protocol.Result;
import outpost.files.AtomicFiles;

/**
 * One line per command in the data folder's {@code audit.log}: time, peer address, token name,
 * command line, status, exit code, duration. Rotates at 10 MiB, keeping 5 files
 * ({@code audit.log.0} newest).
 * <p>
 * Read-only metric requests can come thousands of times a second, and a write to the file for
 * each was a large part of the agent's CPU per request: those lines are queued and written
 * together at most {@link #BATCH_DELAY} later. Everything that matters for security (failed
 * authentication, shell and administration commands, refusals) is written at once, after the
 * queued lines so the file stays in order; closing writes whatever is queued.
 */
public final class AuditLog implements AutoCloseable {

    static final int ROTATE_BYTES = 10 << 20;
    static final int KEEP_FILES = 5;
    static final Duration BATCH_DELAY = Duration.ofMillis(100);

    private final Logger logger;
    private final FileHandler handler;
    private final ScheduledExecutorService timers;
    private final Queue<Line> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final Timestamps timestamps = new Timestamps(); // guarded by this
    private boolean closed; // guarded by this
    private int pending; // guarded by this: requests expected to be recorded, see expect()

    public AuditLog(Path dataDirectory, ScheduledExecutorService timers) throws IOException {
        this.timers = timers;
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

    /**
     * A request has begun that will be recorded with {@link #record} or {@link #recordBatched}:
     * {@link #closeAfterPending} waits for it, so a command that a stop cancels is still recorded.
     */
    public synchronized void expect() {
        pending++;
    }

    private synchronized void settled() {
        if (pending > 0 && --pending == 0) {
            notifyAll();
        }
    }

    /** Records a request's result now. */
    public void record(String peer, String token, String commandLine, Result result) {
        write(new Line(Instant.now(), peer, token, commandLine, result));
        settled();
    }

    /** Records a read-only request's result within {@link #BATCH_DELAY}. */
    public void recordBatched(String peer, String token, String commandLine, Result result) {
        queued.add(new Line(Instant.now(), peer, token, commandLine, result));
        settled();
        if (writeScheduled.compareAndSet(false, true)) {
            try {
                timers.schedule(this::writeQueued, BATCH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                writeQueued(); // the agent is stopping: no timer any more
            }
        }
    }

    public void authenticationFailed(String peer) {
        write(new Line(Instant.now(), peer, null, null, null));
    }

    private synchronized void write(Line line) {
        if (closed) {
            return;
        }
        StringBuilder text = new StringBuilder(256);
        appendQueued(text);
        line.appendTo(text, timestamps);
        logger.log(Level.INFO, text.toString());
    }

    private synchronized void writeQueued() {
        writeScheduled.set(false); // before draining: a line queued from now on schedules its own write
        if (closed) {
            return;
        }
        StringBuilder text = new StringBuilder(4096);
        appendQueued(text);
        if (!text.isEmpty()) {
            text.setLength(text.length() - System.lineSeparator().length()); // the formatter ends the record
            logger.log(Level.INFO, text.toString());
        }
    }

    /** Each queued line followed by a line separator. */
    private void appendQueued(StringBuilder text) {
        for (Line line; (line = queued.poll()) != null;) {
            line.appendTo(text, timestamps);
            text.append(System.lineSeparator());
        }
    }

    @Override
    public synchronized void close() {
        writeQueued();
        closed = true;
        handler.close();
    }

    /**
     * Closes once every expected request has been recorded, or after {@code limit}: the requests of
     * closing connections (a shell command being killed) end a moment after their connection.
     */
    public synchronized void closeAfterPending(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (long left = limit.toMillis(); pending > 0 && left > 0;
                    left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /**
     * UTC times in ISO 8601 with milliseconds ("2026-11-24T07:58:29.123Z"). The text up to the
     * second is kept and reused: formatting every line's time in full was most of the cost of
     * auditing a busy agent (JFR).
     */
    static final class Timestamps {
        private static final DateTimeFormatter TO_THE_SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.",
                Locale.ROOT).withZone(ZoneOffset.UTC);

        private long second = Long.MIN_VALUE;
        private String secondText = "";

        void append(StringBuilder text, Instant time) {
            long epochSecond = time.getEpochSecond();
            if (epochSecond != second) {
                second = epochSecond;
                secondText = TO_THE_SECOND.format(Instant.ofEpochSecond(epochSecond));
            }
            int millis = time.getNano() / 1_000_000;
            text.append(secondText).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10)).append('Z');
        }
    }

    /** What is recorded; formatted when written, off the path of the request. */
    private record Line(Instant time, String peer, String token, String commandLine, Result result) {

        void appendTo(StringBuilder text, Timestamps timestamps) {
            timestamps.append(text, time);
            text.append(" peer=").append(peer);
            if (result == null) {
                text.append(" authentication failed");
                return;
            }
            text.append(" token=").append(token).append(" status=").append(result.status()).append(" exit=")
                    .append(result.exitCode()).append(" ms=").append(result.durationMillis()).append(" command=")
                    .append(oneLine(commandLine));
        }

        private static String oneLine(String text) {
            if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
                return text;
            }
            return text.replace("\r", "\\r").replace("\n", "\\n");
        }
    }
}
