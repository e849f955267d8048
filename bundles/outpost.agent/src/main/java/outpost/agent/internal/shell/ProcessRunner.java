package outpost.agent.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.function.Consumer;

import outpost.agent.CommandContext;

/**
 * Runs a program with an argument list (a shell only when the list names one), streams its
 * output to the caller as decoded text, and ends it with everything it started when the request
 * is cancelled or times out (which interrupts the waiting thread).
 */
public final class ProcessRunner {

    private ProcessRunner() {
    }

    /** With the default charset. */
    public static int run(List<String> command, CommandContext context) throws IOException, InterruptedException {
        return run(command, Charset.defaultCharset(), context);
    }

    static int run(List<String> command, Charset charset, CommandContext context)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close(); // no input: a program that reads stdin sees its end at once
        Thread errors = pump(process.getErrorStream(), charset, context::stderr);
        Thread output = pump(process.getInputStream(), charset, context::stdout);
        try {
            int exit = process.waitFor();
            output.join();
            errors.join();
            return exit;
        } finally {
            if (process.isAlive() || process.descendants().findAny().isPresent()) {
                killTree(process.toHandle());
            }
        }
    }

    /** Children first, so none is re-parented and left running. */
    private static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread pump(InputStream stream, Charset charset, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (Reader reader = new InputStreamReader(stream, charset)) {
                char[] buffer = new char[8192];
                int read;
                while ((read = reader.read(buffer)) > 0) {
                    sink.accept(new String(buffer, 0, read));
                }
            } catch (IOException e) {
                // the process ended or was killed: its streams close
            }
        }, "outpost-process-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
