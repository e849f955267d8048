package outpost.console.ui.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import outpost.console.ui.UiThread;
import outpost.servers.Server;

/** The Save… action of a console: asks for a file, writes the transcript in a Job, says how it went in the transcript. */
final class TranscriptSaver {

    private final Server server;
    private final TranscriptView transcript;
    private final UiThread uiThread;

    TranscriptSaver(Server server, TranscriptView transcript, UiThread uiThread) {
        this.server = server;
        this.transcript = transcript;
        this.uiThread = uiThread;
    }

    void askAndSave(Shell shell) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Save the transcript of " + server.name());
        dialog.setFileName(server.name().replaceAll("[^\\w.-]+", "_") + "-transcript.txt");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null) {
            save(Path.of(chosen));
        }
    }

    /** Writes the transcript as it is now, atomically, in a Job. */
    void save(Path file) {
        String content = transcript.content();
        Job.create("Saving the transcript of " + server.name(), (IProgressMonitor monitor) -> {
            try {
                TranscriptFile.write(file, content);
                uiThread.execute(() -> transcript.appendInfo("Transcript saved to " + file + "."));
            } catch (IOException e) {
                ILog.of(TranscriptSaver.class).error("Cannot save the transcript to " + file, e);
                uiThread.execute(() -> transcript.appendError("Cannot save the transcript to " + file + ": " + e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule();
    }
}
