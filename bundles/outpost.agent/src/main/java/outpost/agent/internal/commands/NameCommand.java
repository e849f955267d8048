package outpost.agent.internal.commands;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;

/** {@code name}: the host name of the machine. */
@Component(service = AgentCommand.class)
public final class NameCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public NameCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "name";
    }

    @Override
    public boolean isQuick() {
        return true;
    }

    @Override
    public String help() {
        return "host name of this machine";
    }

    @Override
    public int execute(CommandContext context) {
        context.stdout(metrics.hostName());
        return 0;
    }
}
