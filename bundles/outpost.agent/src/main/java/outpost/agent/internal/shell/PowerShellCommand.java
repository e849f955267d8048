package outpost.agent.internal.shell;

import org.osgi.service.component.annotations.Component;

import outpost.agent.AgentCommand;

/** {@code powershell:} and {@code pwsh:}. */
@Component(service = AgentCommand.class)
public final class PowerShellCommand extends ShellCommand {

    public PowerShellCommand() {
        super(ShellKind.POWERSHELL, ShellPlatform.current());
    }

    @Override
    public String help() {
        return "run a command line in PowerShell, if installed and allowed (execute role)";
    }
}
