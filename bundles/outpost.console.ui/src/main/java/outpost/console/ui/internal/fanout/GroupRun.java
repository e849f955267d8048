package outpost.console.ui.internal.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import outpost.client.fanout.FanOut;
import outpost.client.fanout.FanOutOutcome;
import outpost.client.fanout.FanOutStatus;
import outpost.servers.Server;

/**
 * The rows of a group command's results, one per server, fed by the fan-out's events on its threads
 * and read by the editor on the UI thread. Output arrives in chunks while a command runs, so a row's
 * first line shows before the command ends. Every event calls {@code changed}, which must be cheap:
 * the editor coalesces the repaints. Thread-safe.
 */
final class GroupRun implements FanOut.Listener<Server> {

    /** What one row shows. {@code exitCode} and {@code duration} are null until the command ended there. */
    record Row(Server server, FanOutStatus status, Integer exitCode, Duration duration, String firstLine) {
    }

    /** The ends in the order the summary names them; the first three always, the others when they occurred. */
    private static final List<FanOutStatus> SUMMARY_ORDER = List.of(FanOutStatus.OK, FanOutStatus.FAILED,
            FanOutStatus.UNREACHABLE, FanOutStatus.FORBIDDEN, FanOutStatus.CANCELLED);

    private final List<Server> servers;
    private final Runnable changed;
    private final FanOutStatus[] statuses;
    private final StringBuilder[] outputs;
    private final FanOutOutcome<?>[] outcomes;
    /** Bumped whenever a row's output changes, so the editor copies it only then. */
    private final long[] outputVersions;

    GroupRun(List<Server> servers, Runnable changed) {
        this.servers = List.copyOf(servers);
        this.changed = changed;
        this.statuses = new FanOutStatus[this.servers.size()];
        this.outputs = new StringBuilder[this.servers.size()];
        this.outcomes = new FanOutOutcome<?>[this.servers.size()];
        this.outputVersions = new long[this.servers.size()];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = FanOutStatus.WAITING;
            outputs[i] = new StringBuilder();
        }
    }

    @Override
    public void status(Server target, FanOutStatus status) {
        synchronized (this) {
            int row = rowOf(target);
            if (outcomes[row] == null) { // a late event never reopens a row that ended
                statuses[row] = status;
            }
        }
        changed.run();
    }

    @Override
    public void output(Server target, String text) {
        synchronized (this) {
            int row = rowOf(target);
            if (outcomes[row] == null) {
                outputs[row].append(text);
                outputVersions[row]++;
            }
        }
        changed.run();
    }

    @Override
    public void finished(FanOutOutcome<Server> outcome) {
        synchronized (this) {
            int row = rowOf(outcome.target());
            outcomes[row] = outcome;
            statuses[row] = outcome.status();
            outputs[row] = new StringBuilder(outcome.output()); // the whole output, as the fan-out kept it
            outputVersions[row]++;
        }
        changed.run();
    }

    /** The rows now, in the servers' order. */
    synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) {
            FanOutOutcome<?> outcome = outcomes[i];
            rows.add(outcome == null ? new Row(servers.get(i), statuses[i], null, null, firstLine(outputs[i]))
                    : new Row(servers.get(i), outcome.status(), outcome.exitCode(), outcome.duration(), outcome.firstLine()));
        }
        return rows;
    }

    /** A row's whole output so far, with the reason it failed (if it did) on a line of its own. */
    synchronized String output(int row) {
        FanOutOutcome<?> outcome = outcomes[row];
        String output = outputs[row].toString();
        if (outcome == null || outcome.error() == null) {
            return output;
        }
        return output + (output.isEmpty() || output.endsWith("\n") ? "" : "\n") + "[" + outcome.status().label() + ": "
                + outcome.error() + "]";
    }

    /** Changes whenever {@link #output(int)} of the row would answer something new. */
    synchronized long outputVersion(int row) {
        return outputVersions[row];
    }

    /** Whether every server's row has ended. */
    synchronized boolean finished() {
        for (FanOutOutcome<?> outcome : outcomes) {
            if (outcome == null) {
                return false;
            }
        }
        return true;
    }

    /** "3 ok, 0 failed, 1 unreachable", then the other ends that occurred and how many are still under way. */
    synchronized String summary() {
        Map<FanOutStatus, Integer> counts = new EnumMap<>(FanOutStatus.class);
        int underWay = 0;
        for (FanOutStatus status : statuses) {
            if (status.finished()) {
                counts.merge(status, 1, Integer::sum);
            } else {
                underWay++;
            }
        }
        StringBuilder summary = new StringBuilder();
        for (FanOutStatus status : SUMMARY_ORDER) {
            int count = counts.getOrDefault(status, 0);
            if (count > 0 || SUMMARY_ORDER.indexOf(status) < 3) { // ok, failed, unreachable: always
                summary.append(summary.isEmpty() ? "" : ", ").append(count).append(' ').append(status.label());
            }
        }
        return underWay == 0 ? summary.toString() : summary + ", " + underWay + " under way";
    }

    private int rowOf(Server target) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i) == target) { // the fan-out hands back the very targets it was given
                return i;
            }
        }
        throw new IllegalArgumentException("not a target of this run: " + target);
    }

    /**
     * The first line with text, as {@link FanOutOutcome#firstLine()} takes it once the command
     * ended; reads only up to that line, so a flood of output costs nothing here.
     */
    private static String firstLine(StringBuilder output) {
        int start = 0;
        while (start < output.length() && Character.isWhitespace(output.charAt(start))) {
            start++;
        }
        int end = output.indexOf("\n", start);
        return output.substring(start, end < 0 ? output.length() : end).strip();
    }
}
