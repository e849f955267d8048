package outpost.agent.internal.commands;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;
import oshi.hardware.CentralProcessor;

/**
 * {@code cpu}: total and per-core load over the sampler's last window (a second while clients ask,
 * up to 15 seconds after a quiet spell, and it says which), load averages, model.
 */
@Component(service = AgentCommand.class)
public final class CpuCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public CpuCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public boolean isQuick() {
        return true;
    }

    @Override
    public String help() {
        return "CPU load (total and per core) over the last sampling window, load averages and model";
    }

    @Override
    public int execute(CommandContext context) {
        CentralProcessor processor = metrics.processor();
        SystemMetrics.CpuLoad load = metrics.cpuLoad();
        StringBuilder text = new StringBuilder();
        text.append("CPU: ").append(percent(load.total())).append(" used");
        if (!Double.isNaN(load.total())) {
            text.append(' ').append(Windows.describe(load.window(), load.measuredAt()));
        }
        text.append(", ").append(processor.getLogicalProcessorCount()).append(" logical cores (")
                .append(processor.getPhysicalProcessorCount()).append(" physical)\n");
        text.append("Model: ").append(processor.getProcessorIdentifier().getName().strip()).append('\n');
        double[] averages = load.loadAverages();
        text.append("Load average:");
        for (double average : averages) {
            text.append(' ').append(average < 0 ? "n/a" : Decimals.fixed(average, 2));
        }
        double[] perCore = load.perCore();
        for (int core = 0; core < perCore.length; core++) {
            text.append(core % 4 == 0 ? "\n" : "  ");
            text.append("core ").append(core).append(": ").append(percent(perCore[core]));
        }
        context.stdout(text.toString());
        return 0;
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a (sampling)" : Decimals.fixed(fraction * 100, 1) + " %";
    }
}
