package outpost.agent.internal.shell;

import org.osgi.service.component.annotations.Component;

import outpost.agent.AgentCommand;

/** {@code sh:} and {@code linux:}. */
@Component(service = AgentCommand.class)
public final class PosixShellCommand extends ShellCommand {

    public PosixShellCommand() {
        super(ShellKind.POSIX, ShellPlatform.current());
    }

    @Override
    public String help() {
        return "run a command line in sh, if this agent allows it (execute role)";
    }
}
