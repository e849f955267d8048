package outpost.agent.internal.commands;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;
import oshi.software.os.OSFileStore;

/** {@code disk}: each local file system with its size, use and free space. */
@Component(service = AgentCommand.class)
public final class DiskCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public DiskCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public String help() {
        return "file systems: mount point, type, size, used and available";
    }

    @Override
    public int execute(CommandContext context) {
        StringBuilder text = new StringBuilder(String.format("%-24s %-8s %10s %10s %10s %6s", "Mounted on", "Type", "Size", "Used",
                "Avail", "Use%"));
        for (OSFileStore store : metrics.operatingSystem().getFileSystem().getFileStores(true)) {
            long total = store.getTotalSpace();
            if (total <= 0) {
                continue;
            }
            long available = store.getUsableSpace();
            long used = total - store.getFreeSpace();
            text.append('\n').append(String.format("%-24s %-8s %10s %10s %10s %6s", store.getMount(), store.getType(),
                    Sizes.binary(total), Sizes.binary(used), Sizes.binary(available), Sizes.percent(used, total)));
        }
        context.stdout(text.toString());
        return 0;
    }
}
