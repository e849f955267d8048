package outpost.explorer.ui.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

import outpost.servers.Server;
import outpost.servers.ServerListDocument;
import outpost.servers.ServerListEditor;

/**
 * The explorer's side of list editing, without widgets: an edit is shown at once, handed to the
 * {@link ServerListEditor} (which applies it to the file as it is on disk), and its outcome shown
 * when it comes back; a change made outside is shown only while no edit of the view is in flight,
 * since that edit's outcome carries the file's newer version anyway. Every method, and every call
 * to the {@link Screen}, runs on the UI thread ({@code ui} is how the editor's thread gets there).
 */
final class ListSession implements AutoCloseable {

    /** What the view does with the list. */
    interface Screen {
        void show(ServerListDocument document);

        void message(String text);

        /** Asks whether the ip,port file may take the header form (its old version kept as the backup). */
        boolean allowHeaderForm(Path file, Path backup);

        /** Servers that were removed from the file outside the console (their live sessions end). */
        void removedOutside(List<Server> gone);

        /** For the Error Log. */
        void failed(String what, Throwable error);
    }

    private final Screen screen;
    private final Executor ui;
    private final ServerListEditor editor;
    /** Null until loaded. */
    private ServerListDocument document;
    private int editsInFlight;

    /**
     * @param editors makes the editor, given the listener for changes made outside (called on the editor's thread)
     */
    ListSession(Function<ServerListEditor.Listener, ServerListEditor> editors, Executor ui, Screen screen) {
        this.screen = screen;
        this.ui = ui;
        this.editor = editors.apply(changed -> ui.execute(() -> changedOutside(changed)));
    }

    Path file() {
        return editor.file();
    }

    /** The list as shown; null until loaded. */
    ServerListDocument document() {
        return document;
    }

    /** Reads the file (again); completes, on the UI thread, when it is shown. */
    CompletableFuture<Void> load() {
        screen.message("Loading " + editor.file() + " ...");
        CompletableFuture<Void> shown = new CompletableFuture<>();
        editor.load().whenComplete((loaded, error) -> ui.execute(() -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                screen.failed("Cannot read the server list " + editor.file(), cause);
                screen.message("Cannot read " + editor.file() + ": " + cause.getMessage());
                shown.completeExceptionally(cause);
                return;
            }
            show(loaded);
            screen.message(ListMessages.withProblems(ListMessages.count(loaded.servers().size(), "server", "servers")
                    + " from " + editor.file(), loaded));
            shown.complete(null);
        }));
        return shown;
    }

    private void changedOutside(ServerListDocument changed) {
        if (editsInFlight > 0 || document == null) {
            return;
        }
        List<Server> gone = document.servers().stream().filter(server -> changed.find(server).isEmpty()).toList();
        if (!gone.isEmpty()) {
            screen.removedOutside(gone);
        }
        show(changed);
        screen.message(ListMessages.withProblems("The list file was changed outside the console: reloaded ("
                + ListMessages.count(changed.servers().size(), "server", "servers") + ").", changed));
    }

    /**
     * Applies an edit: shows it at once, then has the editor apply it to the file as it is on disk.
     * An edit that needs the header form in an ip,port file is made only if the user agrees.
     *
     * @param done what the message line says once the edit is saved
     * @return completes when saved; fails when the edit was refused or the file could not be written
     */
    CompletableFuture<Void> change(ServerListEditor.Edit edit, String done) {
        boolean convert = !edit.fits(document);
        if (convert && !screen.allowHeaderForm(editor.file(), editor.backup())) {
            screen.message(ListMessages.withProblems("Not changed: " + editor.file().getFileName()
                    + " keeps its ip,port form, which has no place for a name or a group.", document));
            return CompletableFuture.failedFuture(new IllegalStateException("the conversion to the header form was declined"));
        }
        ServerListDocument shown;
        try {
            shown = edit.applyTo(convert ? document.toHeaderForm() : document);
        } catch (IllegalArgumentException | IllegalStateException e) {
            screen.message(ListMessages.withProblems(e.getMessage(), document));
            return CompletableFuture.failedFuture(e);
        }
        show(shown);
        screen.message(ListMessages.withProblems(done, shown));
        editsInFlight++;
        CompletableFuture<Void> saved = new CompletableFuture<>();
        editor.submit(edit, convert).whenComplete((outcome, error) -> ui.execute(() -> {
            saved(done, outcome, error);
            if (error != null) {
                saved.completeExceptionally(unwrap(error));
            } else if (!outcome.applied()) {
                saved.completeExceptionally(new IllegalStateException(outcome.message()));
            } else {
                saved.complete(null);
            }
        }));
        return saved;
    }

    private void saved(String done, ServerListEditor.Outcome outcome, Throwable error) {
        editsInFlight--;
        if (error != null) {
            Throwable cause = unwrap(error);
            screen.failed("Cannot save the server list " + editor.file(), cause);
            screen.message("Cannot save " + editor.file() + ": " + cause.getMessage()
                    + "\nThe file keeps its previous content; Reload shows it.");
            return;
        }
        if (editsInFlight == 0) {
            show(outcome.document()); // the file's version, with what others changed meanwhile
        }
        String said = outcome.applied() ? (done + " " + outcome.message()).strip() : "Not changed: " + outcome.message();
        screen.message(ListMessages.withProblems(said, outcome.document()));
    }

    private void show(ServerListDocument shown) {
        document = shown;
        screen.show(shown);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Stops watching the file; a save under way still finishes. */
    @Override
    public void close() {
        editor.close();
    }
}
