package outpost.agent.internal.commands;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.internal.history.AgentHistory;
import outpost.metrics.Metric;

/**
 * {@code watch SECONDS [metrics]}: one JSON line like {@code metrics}' every SECONDS until
 * cancelled, so a client holds one request per agent instead of polling (and the audit log gets
 * one line per watch, not one per sample).
 */
@Component(service = outpost.agent.AgentCommand.class)
public final class WatchCommand implements StreamingCommand {

    static final int MAX_SECONDS = 3600;

    private final AgentHistory history;

    @Activate
    public WatchCommand(@Reference AgentHistory history) {
        this.history = history;
    }

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String help() {
        return "watch SECONDS [cpu,ram,...]: a line of JSON like metrics' every SECONDS until cancelled";
    }

    @Override
    public Subscription open(String arguments, StreamOutput output) {
        String[] words = arguments.isBlank() ? new String[0] : arguments.trim().split("\\s+", 2);
        if (words.length == 0) {
            throw new IllegalArgumentException("usage: watch SECONDS [cpu,load,ram,swap,disk,net]");
        }
        int seconds;
        try {
            seconds = Integer.parseInt(words[0]);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("the interval is whole seconds from 1 to " + MAX_SECONDS + ", not '"
                    + words[0] + "'");
        }
        return history.subscribe(Duration.ofSeconds(seconds), Metric.parseList(words.length > 1 ? words[1] : ""), output);
    }
}
