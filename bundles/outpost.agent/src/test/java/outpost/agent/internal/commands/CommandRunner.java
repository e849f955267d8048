package outpost.agent.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.ShellPolicy;

/** Runs a command as the agent would, with no arguments, and returns what it wrote to standard output. */
final class CommandRunner {

    private CommandRunner() {
    }

    static String run(AgentCommand command) throws Exception {
        StringBuilder out = new StringBuilder();
        int exit = command.execute(new CommandContext() {
            @Override
            public String arguments() {
                return "";
            }

            @Override
            public void stdout(String text) {
                out.append(text);
            }

            @Override
            public void stderr(String text) {
                throw new AssertionError("unexpected stderr: " + text);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(60);
            }

            @Override
            public ShellPolicy shellPolicy() {
                return ShellPolicy.DISABLED;
            }
        });
        assertEquals(0, exit);
        return out.toString();
    }
}
