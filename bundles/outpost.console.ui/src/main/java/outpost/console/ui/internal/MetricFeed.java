package outpost.console.ui.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.CommandReply;
import outpost.client.SessionStatus;
import outpost.metrics.MetricHistory;
import outpost.metrics.MetricJson;
import outpost.metrics.WatchLines;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;

/**
 * Feeds a console's charts from one connected session: first what the agent kept (the last 24
 * hours by the minute, the last 10 minutes by the second, read in background work, off the UI
 * thread), then one {@code watch} subscription for as long as the session lasts, each of its
 * lines recorded on the connection's thread as it arrives. An agent that cannot say (an older
 * one without {@code history} and {@code watch}, or a token without the read role) leaves the
 * charts empty and is told once, in words, to the console.
 */
final class MetricFeed {

    /**
     * Live samples every 2 s: the shortest range (10 minutes) still gets 300 of them, more than a
     * chart beside the transcript has pixel columns, and a console costs the agent, the network,
     * the chart repaints and its 24 hours of samples half of what one a second would; the
     * second-by-second detail of the last 10 minutes comes from the history when it opens.
     */
    static final Duration LIVE_STEP = Duration.ofSeconds(2);
    /** What the charts show; the load averages are not charted. */
    static final String SECTIONS = "cpu,ram,swap,disk,net";
    /**
     * Just under the seconds tier's 10 minutes: the agent answers a range from the seconds tier only
     * if it begins within the last 10 minutes as it looks up, a moment after reading its clock.
     */
    static final String SECONDS_HISTORY = "history 599s " + SECTIONS;
    static final String MINUTES_HISTORY = "history 24h " + SECTIONS;
    static final String WATCH = "watch " + LIVE_STEP.toSeconds() + " " + SECTIONS;
    private static final long ANSWER_SECONDS = 30;

    private final AgentSession session;
    private final ConsoleChartModels charts;
    private final BackgroundWork background;
    private final Consumer<String> tell;
    private final LongSupplier clock;
    private final WatchLines lines;
    /** The console's clock minus the agent's, measured by the history's answer; written before the subscription starts. */
    private volatile long clockOffsetMillis;
    /** Guarded by this. */
    private boolean stopped;
    /** Guarded by this. */
    private CommandCall watch;
    /** Guarded by this. */
    private BackgroundWork.Task reading;

    /**
     * @param tell told once, on any thread, why the charts stay empty or stopped while connected
     */
    MetricFeed(AgentSession session, ConsoleChartModels charts, BackgroundWork background, Consumer<String> tell,
            LongSupplier clock) {
        this.session = session;
        this.charts = charts;
        this.background = background;
        this.tell = tell;
        this.clock = clock;
        this.lines = new WatchLines(this::sampleLine);
    }

    /** Reads the history, then subscribes. */
    synchronized void start() {
        reading = background.schedule("Reading the metrics history of " + session.settings().endpoint(), 0, true,
                this::readHistoryThenWatch);
    }

    /**
     * Ends the feed (the session ended, or the console closed): cancels the subscription if the
     * session still runs, and marks a gap from now on. Idempotent.
     */
    void stop() {
        CommandCall subscription;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            subscription = watch;
            if (reading != null) {
                reading.cancel();
            }
        }
        if (subscription != null && session.status() == SessionStatus.CONNECTED) {
            subscription.cancel();
        }
        charts.nothingFrom(clock.getAsLong());
    }

    private void readHistoryThenWatch() {
        try {
            CompletableFuture<CommandReply> minutes = session.send(MINUTES_HISTORY);
            CompletableFuture<Arrived> seconds = session.send(SECONDS_HISTORY)
                    .thenApply(reply -> new Arrived(reply, clock.getAsLong()));
            CommandReply minutesReply = minutes.get(ANSWER_SECONDS, TimeUnit.SECONDS);
            Arrived secondsArrived = seconds.get(ANSWER_SECONDS, TimeUnit.SECONDS);
            CommandReply secondsReply = secondsArrived.reply();
            if (!minutesReply.isOk() || !secondsReply.isOk()) {
                unavailable(minutesReply.isOk() ? secondsReply.result() : minutesReply.result());
                return;
            }
            MetricHistory kept = MetricJson.history(minutesReply.stdout());
            MetricHistory recent = MetricJson.history(secondsReply.stdout());
            // the answer's end is the agent's now as it answered: the offset is off by the way back only
            clockOffsetMillis = secondsArrived.at() - recent.to();
            charts.recordHistory(kept, recent, clockOffsetMillis); // outside the lock: stop() is called on the UI thread
            CommandCall subscription;
            synchronized (this) {
                if (stopped) {
                    charts.nothingFrom(clock.getAsLong()); // the gap stop() marked may have been filled meanwhile
                    return;
                }
                subscription = session.execute(WATCH, null, chunk -> {
                    if (chunk.kind() == OutputKind.STDOUT) {
                        lines.accept(chunk.text());
                    }
                });
                watch = subscription;
            }
            subscription.result().whenComplete(this::watchEnded);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | IllegalStateException e) {
            // the session ended before the answers came: sessionEnded stops this feed
        } catch (TimeoutException e) {
            tell.accept("Charts: the agent did not send its metrics history within " + ANSWER_SECONDS + " s.");
        } catch (IllegalArgumentException e) {
            tell.accept("Charts: the agent's metrics history could not be read: " + e.getMessage());
        }
    }

    /** One line of the subscription, on the connection's thread. */
    private void sampleLine(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            charts.recordLive(MetricJson.sample(line), clockOffsetMillis);
        } catch (IllegalArgumentException e) {
            // one sample the charts cannot read is a missing sample: the next line is read as usual
        }
    }

    /** The subscription ends only when cancelled or the session ends, unless the agent ends it. */
    private void watchEnded(Result result, Throwable failure) {
        synchronized (this) {
            if (stopped || failure != null) {
                return; // a session that ended is stopped by the console
            }
        }
        if (result.status() != ResultStatus.CANCELLED) {
            tell.accept("Charts: the agent ended its metrics subscription: " + (result.message().isEmpty() ? result.status().name() : result.message()));
        }
        charts.nothingFrom(clock.getAsLong());
    }

    /** An answer and when it arrived, by the console's clock. */
    private record Arrived(CommandReply reply, long at) {
    }

    private void unavailable(Result refused) {
        tell.accept(refused.status() == ResultStatus.UNKNOWN_COMMAND
                ? "Charts: this agent keeps no metrics history and has no metrics subscription (an older version); the charts stay empty."
                : "Charts: no metrics from this agent: " + refused.message());
    }
}
