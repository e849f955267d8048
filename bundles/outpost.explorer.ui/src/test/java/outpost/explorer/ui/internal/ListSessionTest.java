package outpost.explorer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.servers.Server;
import outpost.servers.ServerListDocument;
import outpost.servers.ServerListEditor;

import outpost.testing.Conditions;

/** The explorer's list editing on a real file, with a single thread standing in for the UI thread. */
class ListSessionTest {

    private static final String LAB = "name,host,port,group\nweb,127.0.0.1,5005,lab\nbroken-row,127.0.0.1,notaport,lab\n";

    @TempDir
    Path directory;
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Server> removedOutside = new CopyOnWriteArrayList<>();
    private volatile ServerListDocument shown;
    private volatile boolean allowHeaderForm;
    private ListSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        ui.shutdownNow();
    }

    private Path start(String text, Duration poll) throws Exception {
        Path file = directory.resolve("servers.csv");
        Files.writeString(file, text);
        ListSession.Screen screen = new ListSession.Screen() {
            @Override
            public void show(ServerListDocument document) {
                shown = document;
            }

            @Override
            public void message(String message) {
                messages.add(message);
            }

            @Override
            public boolean allowHeaderForm(Path list, Path backup) {
                return allowHeaderForm;
            }

            @Override
            public void removedOutside(List<Server> gone) {
                removedOutside.addAll(gone);
            }

            @Override
            public void failed(String what, Throwable error) {
                messages.add(what + ": " + error);
            }
        };
        session = onUi(() -> new ListSession(listener -> new ServerListEditor(file, ServerListDocument.empty(), listener, poll),
                ui, screen));
        onUi(session::load).get(10, TimeUnit.SECONDS);
        return file;
    }

    @Test
    void aSaveOverAFileChangedOutsideShowsBothChangesAndSaysSo() throws Exception {
        Path file = start(LAB, Duration.ofHours(1));
        Files.writeString(file, LAB + "by hand,127.0.0.2,5006,lab\n");
        onUi(() -> session.change(new ServerListEditor.Add(new Server("db", "127.0.0.3", 5007, "lab")), "Added db"))
                .get(10, TimeUnit.SECONDS);
        waitUntil(() -> shown.servers().size() == 3);
        assertEquals(List.of("web", "by hand", "db"), shown.servers().stream().map(Server::name).toList());
        String last = messages.get(messages.size() - 1);
        assertTrue(last.startsWith("Added db The list file had been changed outside the console"), last);
        assertTrue(last.contains("1 row skipped"), last);
    }

    @Test
    void aRowRemovedOutsideIsShownAndItsLiveSessionEnded() throws Exception {
        Path file = start(LAB + "db,127.0.0.3,5007,lab\n", Duration.ofMillis(50));
        Files.writeString(file, LAB);
        waitUntil(() -> !removedOutside.isEmpty());
        assertEquals(List.of(new Server("db", "127.0.0.3", 5007, "lab")), removedOutside);
        waitUntil(() -> shown.servers().size() == 1);
    }

    @Test
    void aDeclinedHeaderFormChangesNeitherTheFileNorTheList() throws Exception {
        Path file = start("127.0.0.1,5005\n", Duration.ofHours(1));
        CompletableFuture<Void> declined = onUi(
                () -> session.change(new ServerListEditor.Add(new Server("web", "127.0.0.1", 5006, "")), "Added web"));
        assertThrows(ExecutionException.class, () -> declined.get(10, TimeUnit.SECONDS));
        assertEquals("127.0.0.1,5005\n", Files.readString(file));
        assertEquals(1, shown.servers().size());
        assertTrue(messages.get(messages.size() - 1).startsWith("Not changed"), messages.toString());

        allowHeaderForm = true;
        onUi(() -> session.change(new ServerListEditor.Add(new Server("web", "127.0.0.1", 5006, "")), "Added web"))
                .get(10, TimeUnit.SECONDS);
        assertEquals("name,host,port,group\n\"\",127.0.0.1,5005,\nweb,127.0.0.1,5006,\n", Files.readString(file));
        assertEquals("127.0.0.1,5005\n", Files.readString(directory.resolve("servers.csv.bak")));
    }

    private <T> T onUi(Callable<T> work) throws Exception {
        return ui.submit(work).get(10, TimeUnit.SECONDS);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        Conditions.waitUntil("the condition holds", condition, Duration.ofSeconds(10));
    }
}
