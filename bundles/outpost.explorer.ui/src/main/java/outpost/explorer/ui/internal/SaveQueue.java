package outpost.explorer.ui.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import outpost.servers.Server;
import outpost.servers.ServerRepository;

/**
 * Saves the server list in a Job, off the UI thread, always the latest version: changes made while
 * a save runs are written by the next run (Job.schedule on a running job runs it once more), so
 * saves never overlap and the file never goes back to an older list.
 */
final class SaveQueue {

    private final ServerRepository repository;
    private final Consumer<IOException> failed;
    private final Job job;
    private List<Server> unsaved;
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();

    SaveQueue(ServerRepository repository, Consumer<IOException> failed) {
        this.repository = repository;
        this.failed = failed;
        this.job = Job.create("Saving the server list", this::run);
        job.setSystem(true);
    }

    /** Saves this version of the list; the future completes when it (or a later version) is on disk. */
    CompletableFuture<Void> save(List<Server> servers) {
        CompletableFuture<Void> saved = new CompletableFuture<>();
        synchronized (this) {
            unsaved = List.copyOf(servers);
            waiting.add(saved);
        }
        job.schedule();
        return saved;
    }

    private IStatus run(IProgressMonitor monitor) {
        List<Server> servers;
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            servers = unsaved;
            done = waiting;
            unsaved = null;
            waiting = new ArrayList<>();
        }
        if (servers == null) {
            return Status.OK_STATUS;
        }
        try {
            repository.save(servers);
            done.forEach(future -> future.complete(null));
        } catch (IOException e) {
            failed.accept(e); // shown in the view and the Error Log, not as one dialog per change
            done.forEach(future -> future.completeExceptionally(e));
        }
        return Status.OK_STATUS;
    }
}
