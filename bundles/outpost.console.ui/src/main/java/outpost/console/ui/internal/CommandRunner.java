package outpost.console.ui.internal;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.swt.widgets.Display;

import outpost.console.ui.UiThread;
import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;

/**
 * Runs the command lines of one console and writes each into its transcript: a header with the
 * time, the output as it streams (collected on network threads, appended in batches), and an end
 * line ({@link EndLine}). Keeps the commands whose result has not come, to
 * cancel them. UI thread, except where said.
 */
final class CommandRunner {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int FLUSH_MILLIS = 50;

    private final TranscriptView transcript;
    private final Display display;
    private final UiThread uiThread;
    private final Runnable runningChanged;
    private final OutputBatcher batcher = new OutputBatcher();
    private final Set<CommandCall> running = new HashSet<>();

    /** @param runningChanged told when a command starts or ends (the Cancel action follows {@link #hasRunning()}) */
    CommandRunner(TranscriptView transcript, Display display, UiThread uiThread, Runnable runningChanged) {
        this.transcript = transcript;
        this.display = display;
        this.uiThread = uiThread;
        this.runningChanged = runningChanged;
    }

    void run(AgentSession session, String line) {
        transcript.appendCommand(LocalTime.now().format(TIME) + "  > " + line);
        CommandCall call;
        try {
            call = session.execute(line, null, chunk -> output(chunk.text(), chunk.kind() == OutputKind.STDERR));
        } catch (IllegalStateException e) {
            transcript.appendError(e.getMessage()); // the connection ended since the caller checked
            return;
        }
        running.add(call);
        runningChanged.run();
        call.result().whenComplete((Result result, Throwable error) -> uiThread.execute(() -> {
            running.remove(call);
            runningChanged.run();
            flush(); // everything the command wrote comes before its end line
            transcript.endLine();
            if (error != null) {
                transcript.appendError(line + ": " + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()));
            } else {
                transcript.appendEnd(EndLine.of(line, result), EndLine.succeeded(result));
            }
        }));
    }

    boolean hasRunning() {
        return !running.isEmpty();
    }

    /** Asks the agent to stop every running command; their results then say cancelled. */
    void cancelAll() {
        running.forEach(CommandCall::cancel);
    }

    /** On a network thread: collect, and have the UI thread take everything collected in one go. */
    private void output(String text, boolean stderr) {
        if (batcher.add(text, stderr)) {
            uiThread.execute(() -> display.timerExec(FLUSH_MILLIS, this::flush));
        }
    }

    private void flush() {
        if (!transcript.isDisposed()) {
            transcript.appendOutput(batcher.drain());
        }
    }
}
