package outpost.agent.internal.commands;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;
import oshi.software.os.OperatingSystem;

/** {@code os}: operating system family, version, kernel build and architecture. */
@Component(service = AgentCommand.class)
public final class OsCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public OsCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "os";
    }

    @Override
    public boolean isQuick() {
        return true;
    }

    @Override
    public String help() {
        return "operating system, version, kernel and architecture";
    }

    @Override
    public int execute(CommandContext context) {
        OperatingSystem os = metrics.operatingSystem();
        OperatingSystem.OSVersionInfo version = os.getVersionInfo();
        StringBuilder text = new StringBuilder("OS: ").append(os.getFamily());
        if (version.getVersion() != null && !version.getVersion().isBlank()) {
            text.append(' ').append(version.getVersion());
        }
        if (version.getCodeName() != null && !version.getCodeName().isBlank()) {
            text.append(" (").append(version.getCodeName()).append(')');
        }
        text.append('\n').append("Kernel: ").append(version.getBuildNumber())
                .append('\n').append("Architecture: ").append(System.getProperty("os.arch"))
                .append(", ").append(os.getBitness()).append("-bit");
        context.stdout(text.toString());
        return 0;
    }
}
