package outpost.agent.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import outpost.agent.CommandContext;
import outpost.agent.ShellPolicy;

/** Arguments that must never reach the ping program. */
class PingCommandTest {

    @Test
    void hostsThatAreNotHostsAreRefusedBeforeAnythingRuns() {
        assertRefused("invalid host '8.8.8.8;rm': a host name or an IP address only", "8.8.8.8;rm");
        assertRefused("usage: ping <host> [count]", "8.8.8.8; rm -rf /");
        assertRefused("invalid host '-f': a host name or an IP address only", "-f");
        assertRefused("invalid host '$(id)': a host name or an IP address only", "$(id)");
        assertRefused("usage: ping <host> [count]", "");
        assertRefused("count must be between 1 and 20", "127.0.0.1 500");
        assertRefused("count must be a number, not 'x'", "127.0.0.1 x");
    }

    private static void assertRefused(String message, String arguments) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new PingCommand().execute(context(arguments)));
        assertEquals(message, error.getMessage());
    }

    private static CommandContext context(String arguments) {
        return new CommandContext() {
            @Override
            public String arguments() {
                return arguments;
            }

            @Override
            public void stdout(String text) {
                throw new AssertionError("nothing may run");
            }

            @Override
            public void stderr(String text) {
                throw new AssertionError("nothing may run");
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public ShellPolicy shellPolicy() {
                return ShellPolicy.DISABLED;
            }
        };
    }
}
