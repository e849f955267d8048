package outpost.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import outpost.files.AtomicFiles;
import outpost.files.ContentHash;
import outpost.files.FileChangedException;

/**
 * Edits a server list file that others may edit too (a text editor, a script, another console).
 * Every edit is applied on one thread, to the file as it is on disk: when the file changed since it
 * was last read, the edit is applied to the new version (add, replace and remove go by host and
 * port), and the outcome says so; an edit that no longer applies is refused with the reason. The
 * file is also polled: a change made outside is reported to the listener when no edit of its own is
 * in flight. A save never replaces a version of the file it has not read: the file is compared with
 * the version the edit was based on just before the atomic rename.
 * <p>
 * An {@code ip,port} file stays in that form while its servers carry nothing more; an edit that needs
 * a name or a group column is applied only when the caller allows the conversion to the header form,
 * and then the old file is kept beside it as {@code <file>.bak}. No UI: callers show outcomes.
 */
public final class ServerListEditor implements AutoCloseable {

    /** How many times an edit is re-applied when the file keeps changing under it. */
    private static final int ATTEMPTS = 5;

    /** One change to the list, applicable to any version of the file. */
    public sealed interface Edit {

        /** Whether the document's form can take the change without the header form. */
        boolean fits(ServerListDocument document);

        /**
         * @throws IllegalArgumentException when the change no longer applies (with the reason)
         */
        ServerListDocument applyTo(ServerListDocument document);
    }

    public record Add(Server server) implements Edit {
        @Override
        public boolean fits(ServerListDocument document) {
            return document.canHold(server);
        }

        @Override
        public ServerListDocument applyTo(ServerListDocument document) {
            return document.add(server);
        }
    }

    /** Adds the servers whose host and port are not in the list yet (an import). */
    public record AddAll(List<Server> servers) implements Edit {
        public AddAll {
            servers = List.copyOf(servers);
        }

        @Override
        public boolean fits(ServerListDocument document) {
            return servers.stream().allMatch(document::canHold);
        }

        @Override
        public ServerListDocument applyTo(ServerListDocument document) {
            for (Server server : servers) {
                if (document.find(server).isEmpty()) {
                    document = document.add(server);
                }
            }
            return document;
        }
    }

    public record Replace(Server old, Server edited) implements Edit {
        @Override
        public boolean fits(ServerListDocument document) {
            return document.canHold(edited);
        }

        @Override
        public ServerListDocument applyTo(ServerListDocument document) {
            if (document.find(old).isEmpty()) {
                throw new IllegalArgumentException("'" + old.name() + "' (" + old.endpoint()
                        + ") was removed from the list file outside the console: the edit is not made");
            }
            return document.replace(old, edited);
        }
    }

    public record Remove(List<Server> servers) implements Edit {
        public Remove {
            servers = List.copyOf(servers);
        }

        @Override
        public boolean fits(ServerListDocument document) {
            return true;
        }

        @Override
        public ServerListDocument applyTo(ServerListDocument document) {
            return document.remove(servers);
        }
    }

    /**
     * What an edit did.
     *
     * @param document the list after it (the file's current version when the edit was refused)
     * @param applied  whether the file was changed
     * @param message  for the user: why it was refused, or that it was merged into a version changed
     *                 outside the console; empty when there is nothing to say
     */
    public record Outcome(ServerListDocument document, boolean applied, String message) {
    }

    /** Told on the editor's thread when the file was changed outside the console and reloaded. */
    @FunctionalInterface
    public interface Listener {
        void reloaded(ServerListDocument document);
    }

    private final Path file;
    private final ServerListDocument whenAbsent;
    private final Listener listener;
    private final ScheduledExecutorService executor;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The version last read or written; the editor's thread only. */
    private ServerListFile.Version base;

    /**
     * Starts polling the file.
     *
     * @param whenAbsent the list shown while the file does not exist (written with the first edit)
     * @param poll       time between two looks at the file
     */
    public ServerListEditor(Path file, ServerListDocument whenAbsent, Listener listener, Duration poll) {
        this.file = file;
        this.whenAbsent = whenAbsent;
        this.listener = listener;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outpost-server-list " + file.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Path file() {
        return file;
    }

    /** Reads the file (again). */
    public CompletableFuture<ServerListDocument> load() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                base = read();
                return base.document();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor);
    }

    /**
     * Applies the edit to the file as it is on disk and saves it.
     *
     * @param mayConvert whether an {@code ip,port} file may be converted to the header form (the old
     *                   file kept as .bak) if the edit needs it
     * @return the outcome; fails with an IOException when the file cannot be read or written
     */
    public CompletableFuture<Outcome> submit(Edit edit, boolean mayConvert) {
        inFlight.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return apply(edit, mayConvert);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }, executor);
    }

    private Outcome apply(Edit edit, boolean mayConvert) throws IOException {
        boolean merged = false;
        for (int attempt = 1;; attempt++) {
            ServerListFile.Version disk = read();
            merged |= base != null && !disk.hash().equals(base.hash());
            ServerListDocument start = disk.document();
            boolean convert = !edit.fits(start);
            if (convert && !mayConvert) {
                base = disk;
                return new Outcome(disk.document(), false, "The change needs the header form (name,host,port,group) "
                        + "and converting " + file.getFileName() + " to it was not allowed: nothing changed.");
            }
            ServerListDocument changed;
            try {
                changed = edit.applyTo(convert ? start.toHeaderForm() : start);
            } catch (IllegalArgumentException | IllegalStateException e) {
                base = disk;
                return new Outcome(disk.document(), false, e.getMessage());
            }
            try {
                if (convert && !disk.hash().equals(ContentHash.ABSENT)) {
                    byte[] old = disk.document().bytes();
                    AtomicFiles.write(backup(), false, out -> out.write(old));
                    AtomicFiles.copyAttributes(file, backup()); // a private list gets no world-readable copy
                }
                base = ServerListFile.write(file, changed, disk.hash());
            } catch (FileChangedException e) {
                if (attempt < ATTEMPTS) {
                    continue; // changed between our read and our rename: apply the edit to that version
                }
                throw e;
            }
            String message = convert ? file.getFileName() + " now has the header form (name,host,port,group); the old file is "
                    + backup().getFileName() + "." : "";
            if (merged) {
                message = (message + " The list file had been changed outside the console: your change was applied to "
                        + "its new version.").strip();
            }
            return new Outcome(changed, true, message);
        }
    }

    /** Where the file's previous form is kept when it is converted. */
    public Path backup() {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    private ServerListFile.Version read() throws IOException {
        ServerListFile.Version version = ServerListFile.read(file);
        return version == ServerListFile.Version.ABSENT
                ? new ServerListFile.Version(whenAbsent, ServerListFile.Version.ABSENT.hash())
                : version;
    }

    private void poll() {
        if (base == null || inFlight.get() > 0) {
            return; // not loaded yet, or an edit will read the file anyway
        }
        try {
            ServerListFile.Version disk = read();
            if (!disk.hash().equals(base.hash())) {
                base = disk;
                listener.reloaded(disk.document());
            }
        } catch (IOException e) {
            // unreadable for a moment (an editor replacing it); the next look tries again
        } catch (RuntimeException e) {
            // a listener's failure must not end the polling (a thrown exception cancels the task)
            Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
        }
    }

    /** Stops polling; edits already submitted still run. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
