package outpost.agent.internal.commands;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.history.AgentHistory;
import outpost.metrics.Metric;
import outpost.metrics.MetricHistory;
import outpost.metrics.MetricJson;

/**
 * {@code history LAST [metrics]} or {@code history FROM TO [metrics]}: what the agent kept of the
 * last 24 hours as one JSON object (docs/METRICS.md); LAST is like {@code 90s}, {@code 10m},
 * {@code 1h}; FROM and TO are ISO-8601 UTC times or milliseconds since the epoch.
 */
@Component(service = AgentCommand.class)
public final class HistoryCommand implements AgentCommand {

    private static final String USAGE = "usage: history LAST [metrics] (LAST like 90s, 10m, 1h, 24h) or history FROM TO [metrics]"
            + " (ISO-8601 UTC times or epoch milliseconds)";

    private final AgentHistory history;
    private final LongSupplier clock = System::currentTimeMillis;

    @Activate
    public HistoryCommand(@Reference AgentHistory history) {
        this.history = history;
    }

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String help() {
        return "history LAST|FROM TO [cpu,ram,...]: kept samples as JSON (each second of 10 min, each minute of 24 h)";
    }

    @Override
    public int execute(CommandContext context) {
        String[] words = context.arguments().isBlank() ? new String[0] : context.arguments().trim().split("\\s+");
        if (words.length == 0 || words.length > 3) {
            throw new IllegalArgumentException(USAGE);
        }
        long now = clock.getAsLong();
        long from;
        long to;
        int next;
        Duration last = duration(words[0]);
        if (last != null) {
            from = now - last.toMillis();
            to = now;
            next = 1;
        } else {
            if (words.length < 2) {
                throw new IllegalArgumentException(USAGE);
            }
            from = time(words[0]);
            to = time(words[1]);
            next = 2;
        }
        if (to < from) {
            throw new IllegalArgumentException("the range ends before it begins");
        }
        if (words.length > next + 1) {
            throw new IllegalArgumentException(USAGE);
        }
        Set<Metric> sections = Metric.parseList(words.length > next ? words[next] : "");
        MetricHistory kept = history.range(from, to, now);
        context.stdout(MetricJson.toJson(new MetricHistory(kept.from(), kept.to(), kept.stepSeconds(),
                kept.samples().stream().map(sample -> sample.only(sections)).toList())));
        return 0;
    }

    /** "90s", "10m", "1h", "1d"; null when the word is no such duration. */
    static Duration duration(String word) {
        String text = word.toLowerCase(Locale.ROOT);
        if (!text.matches("\\d{1,6}[smhd]")) {
            return null;
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static long time(String word) {
        if (word.matches("\\d{1,15}")) {
            return Long.parseLong(word);
        }
        try {
            return Instant.parse(word).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + word + "' is no time: ISO-8601 UTC (2026-12-07T09:00:00Z) or epoch milliseconds");
        }
    }
}
