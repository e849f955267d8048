package outpost.agent.internal.commands;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/** {@code ram}: physical memory and swap, used and total. */
@Component(service = AgentCommand.class)
public final class RamCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public RamCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "ram";
    }

    @Override
    public boolean isQuick() {
        return true;
    }

    @Override
    public String help() {
        return "memory: total, used and available RAM, and swap";
    }

    @Override
    public int execute(CommandContext context) {
        GlobalMemory memory = metrics.memory();
        long total = memory.getTotal();
        long available = memory.getAvailable();
        long used = total - available;
        VirtualMemory swap = memory.getVirtualMemory();
        context.stdout("RAM: " + Sizes.binary(used) + " used of " + Sizes.binary(total) + " (" + Sizes.percent(used, total)
                + "), " + Sizes.binary(available) + " available\n"
                + "Swap: " + Sizes.binary(swap.getSwapUsed()) + " used of " + Sizes.binary(swap.getSwapTotal()));
        return 0;
    }
}
