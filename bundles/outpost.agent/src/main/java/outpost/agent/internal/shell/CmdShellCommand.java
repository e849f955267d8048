package outpost.agent.internal.shell;

import org.osgi.service.component.annotations.Component;

import outpost.agent.AgentCommand;

/** {@code cmd:} and {@code dos:}. */
@Component(service = AgentCommand.class)
public final class CmdShellCommand extends ShellCommand {

    public CmdShellCommand() {
        super(ShellKind.CMD, ShellPlatform.current());
    }

    @Override
    public String help() {
        return "run a command line in cmd.exe (Windows), if this agent allows it (execute role)";
    }
}
