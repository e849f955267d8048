package outpost.agent.internal.commands;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.shell.ProcessRunner;

/** {@code python --version}: the Python installed on the machine, as the original reported it. */
@Component(service = AgentCommand.class)
public final class PythonCommand implements AgentCommand {

    @Override
    public String name() {
        return "python";
    }

    @Override
    public String help() {
        return "python --version: the version of the machine's Python";
    }

    @Override
    public int execute(CommandContext context) throws Exception {
        if (!context.arguments().equals("--version")) {
            throw new IllegalArgumentException("only 'python --version' is answered");
        }
        for (String program : List.of("python3", "python")) {
            try {
                return ProcessRunner.run(List.of(program, "--version"), context);
            } catch (IOException notInstalled) {
                // try the next name
            }
        }
        throw new IllegalArgumentException("no Python (python3 or python) on this agent's machine");
    }
}
