package outpost.agent.internal.commands;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;

/** {@code load}: the 1, 5 and 15 minute load averages and the number of logical cores to compare them with. */
@Component(service = AgentCommand.class)
public final class LoadCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public LoadCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public boolean isQuick() {
        return true;
    }

    @Override
    public String help() {
        return "load averages over 1, 5 and 15 minutes";
    }

    @Override
    public int execute(CommandContext context) {
        double[] averages = metrics.loadAverages();
        if (averages[0] < 0) {
            context.stdout("Load averages are not available on " + metrics.operatingSystem().getFamily());
            return 0;
        }
        context.stdout("Load average: " + Decimals.fixed(averages[0], 2) + " (1 min), " + Decimals.fixed(averages[1], 2)
                + " (5 min), " + Decimals.fixed(averages[2], 2) + " (15 min) on "
                + metrics.processor().getLogicalProcessorCount() + " logical cores");
        return 0;
    }
}
