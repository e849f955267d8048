package outpost.agent.internal.shell;

import java.util.List;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.ShellPolicy;
import outpost.protocol.Role;

/**
 * Runs a command line in one of the shells, as the original's "dos:", "linux:" and "powershell:"
 * prefixes did, but only for tokens with the execute role and only for lines the agent's
 * {@link ShellPolicy} allows. Output streams as it comes; cancel and timeout end the whole process tree.
 */
public abstract class ShellCommand implements AgentCommand {

    private final ShellKind kind;
    private final ShellPlatform platform;

    protected ShellCommand(ShellKind kind, ShellPlatform platform) {
        this.kind = kind;
        this.platform = platform;
    }

    @Override
    public String name() {
        return kind.prefix();
    }

    @Override
    public List<String> aliases() {
        return List.of(kind.alias());
    }

    @Override
    public Role requiredRole() {
        return Role.EXECUTE;
    }

    /**
     * Whether this agent runs lines in this shell at all: shell commands are on in its configuration
     * and the shell exists on this machine (no cmd.exe off Windows, PowerShell only where installed).
     * {@code help} lists only such prefixes.
     */
    public boolean runsUnder(ShellPolicy policy) {
        return policy.enabled() && platform.command(kind, "").isPresent();
    }

    @Override
    public int execute(CommandContext context) throws Exception {
        String line = context.arguments();
        if (line.isEmpty()) {
            throw new IllegalArgumentException("give a command line, e.g. " + kind.prefix() + " uname -a");
        }
        ShellPolicy policy = context.shellPolicy();
        if (!policy.enabled()) {
            throw new IllegalArgumentException("shell commands are off on this agent (its configuration has no shell.allow)");
        }
        if (!policy.permits(line)) {
            throw new IllegalArgumentException("'" + line + "' is not allowed by this agent's shell.allow and shell.deny");
        }
        List<String> command = platform.command(kind, line)
                .orElseThrow(() -> new IllegalArgumentException(platform.missing(kind)));
        return ProcessRunner.run(command, platform.outputCharset(kind), context);
    }
}
