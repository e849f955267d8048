package outpost.agent.internal.commands;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.history.AgentHistory;
import outpost.metrics.Metric;
import outpost.metrics.MetricJson;

/**
 * {@code metrics [cpu,load,ram,swap,disk,net]}: the figures of {@code cpu}, {@code ram},
 * {@code disk} and {@code net} as one line of JSON for programs (docs/METRICS.md). Not quick: it
 * asks each file system for its use, which a hung network mount could make wait.
 */
@Component(service = AgentCommand.class)
public final class MetricsCommand implements AgentCommand {

    private final AgentHistory history;

    @Activate
    public MetricsCommand(@Reference AgentHistory history) {
        this.history = history;
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public String help() {
        return "metrics [cpu,load,ram,swap,disk,net]: the figures now as one line of JSON (all unless named)";
    }

    @Override
    public int execute(CommandContext context) {
        context.stdout(MetricJson.toJson(history.now(Metric.parseList(context.arguments()))));
        return 0;
    }
}
