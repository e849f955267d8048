package outpost.agent.internal.commands;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem.ProcessSorting;

/** {@code procs [cpu|mem] [N]}: the top processes by CPU (since they started) or by resident memory. */
@Component(service = AgentCommand.class)
public final class ProcsCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public ProcsCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "procs";
    }

    @Override
    public String help() {
        return "procs [cpu|mem] [N]: top N processes (10) by CPU or by memory";
    }

    @Override
    public int execute(CommandContext context) {
        boolean byMemory = false;
        int limit = 10;
        for (String word : context.arguments().isEmpty() ? new String[0] : context.arguments().split("\\s+")) {
            if (word.equals("mem")) {
                byMemory = true;
            } else if (word.equals("cpu")) {
                byMemory = false;
            } else {
                try {
                    limit = Integer.parseInt(word);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("usage: procs [cpu|mem] [N]");
                }
                if (limit < 1 || limit > 100) {
                    throw new IllegalArgumentException("N must be between 1 and 100");
                }
            }
        }
        List<OSProcess> processes = metrics.operatingSystem().getProcesses(null,
                byMemory ? ProcessSorting.RSS_DESC : ProcessSorting.CPU_DESC, limit);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%8s %6s %10s  %s", "PID", "CPU%", "RSS", "NAME"));
        for (OSProcess process : processes) {
            text.append('\n').append(String.format(Locale.ROOT, "%8d %6.1f %10s  %s", process.getProcessID(),
                    100 * process.getProcessCpuLoadCumulative(), Sizes.binary(process.getResidentSetSize()), process.getName()));
        }
        context.stdout(text.toString());
        return 0;
    }
}
