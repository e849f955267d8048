package outpost.agent.internal.commands;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;

/** {@code uptime}: how long the machine has been up, and since when. */
@Component(service = AgentCommand.class)
public final class UptimeCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public UptimeCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "uptime";
    }

    @Override
    public boolean isQuick() {
        return true;
    }

    @Override
    public String help() {
        return "time since the machine booted";
    }

    @Override
    public int execute(CommandContext context) {
        long seconds = metrics.operatingSystem().getSystemUptime();
        context.stdout("Up " + Durations.human(seconds) + " (" + seconds + " s), since "
                + java.time.Instant.ofEpochSecond(metrics.operatingSystem().getSystemBootTime()));
        return 0;
    }
}
