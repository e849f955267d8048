package outpost.cli.internal;

import java.io.PrintStream;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** Prints the results of a fan-out: as a table (default) or as JSON lines (--json). */
interface OutcomePrinter {

    /** One server finished; called from worker threads, one at a time. */
    void completed(ServerOutcome outcome);

    /** Every server finished; outcomes in server-list order. */
    void finished(List<ServerOutcome> outcomes);

    static OutcomePrinter of(boolean json, PrintStream out) {
        return json ? new JsonLines(out) : new Table(out);
    }

    /** One object per server and line, printed as soon as the server answered. */
    final class JsonLines implements OutcomePrinter {
        private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
        private final PrintStream out;

        JsonLines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void completed(ServerOutcome outcome) {
            out.println(GSON.toJson(outcome));
            out.flush();
        }

        @Override
        public void finished(List<ServerOutcome> outcomes) {
            // every line is out already
        }
    }

    /**
     * A header line per server (name, address, status, time), then its output indented, in
     * server-list order once all have answered; a summary line at the end.
     */
    final class Table implements OutcomePrinter {
        private final PrintStream out;

        Table(PrintStream out) {
            this.out = out;
        }

        @Override
        public void completed(ServerOutcome outcome) {
            // printed in list order at the end
        }

        @Override
        public void finished(List<ServerOutcome> outcomes) {
            int width = outcomes.stream().mapToInt(o -> o.server().length()).max().orElse(0);
            int addressWidth = outcomes.stream().mapToInt(o -> o.endpoint().length()).max().orElse(0);
            for (ServerOutcome outcome : outcomes) {
                String status = outcome.ok() ? "ok" : outcome.exitCode() != null ? "FAILED, exit " + outcome.exitCode() : "FAILED";
                out.printf("%-" + width + "s  %-" + addressWidth + "s  %s  %d ms%s%n", outcome.server(), outcome.endpoint(),
                        status, outcome.durationMs(), outcome.error() == null ? "" : ": " + outcome.error().replace("\n", "\n    "));
                indent(outcome.stdout(), "    ");
                indent(outcome.stderr(), "  ! ");
            }
            long failed = outcomes.stream().filter(o -> !o.ok()).count();
            out.println(outcomes.size() + " servers: " + (outcomes.size() - failed) + " succeeded, " + failed + " failed");
            out.flush();
        }

        private void indent(String text, String prefix) {
            if (text.isEmpty()) {
                return;
            }
            for (String line : text.replaceFirst("\\R\\z", "").split("\\R", -1)) {
                out.println(prefix + line);
            }
        }
    }
}
