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
    private volatile WindowText windowText;

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
        SystemMetrics.CpuLoad load = metrics.cpuLoad();
        WindowText text = windowText;
        if (text == null || text.load() != load) {
            text = describe(load);
            windowText = text; // two threads may build the same text at once, harmlessly
        }
        context.stdout(Double.isNaN(load.total()) ? text.before() + text.after()
                : text.before() + ' ' + Windows.describe(load.window(), load.measuredAt()) + text.after());
        return 0;
    }

    /**
     * The answer for one sampling window, built once per window (a second while clients ask): all
     * of it but the window's age, which goes between {@code before} and {@code after}.
     */
    private record WindowText(SystemMetrics.CpuLoad load, String before, String after) {
    }

    private WindowText describe(SystemMetrics.CpuLoad load) {
        CentralProcessor processor = metrics.processor();
        StringBuilder after = new StringBuilder();
        after.append(", ").append(processor.getLogicalProcessorCount()).append(" logical cores (")
                .append(processor.getPhysicalProcessorCount()).append(" physical)\n");
        after.append("Model: ").append(processor.getProcessorIdentifier().getName().strip()).append('\n');
        after.append("Load average:");
        for (double average : load.loadAverages()) {
            after.append(' ').append(average < 0 ? "n/a" : Decimals.fixed(average, 2));
        }
        double[] perCore = load.perCore();
        for (int core = 0; core < perCore.length; core++) {
            after.append(core % 4 == 0 ? "\n" : "  ");
            after.append("core ").append(core).append(": ").append(percent(perCore[core]));
        }
        return new WindowText(load, "CPU: " + percent(load.total()) + " used", after.toString());
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a (sampling)" : Decimals.fixed(fraction * 100, 1) + " %";
    }
}
