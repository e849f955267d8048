package outpost.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CliArgumentsTest {

    private static final Path HOME = Path.of("/home/ops/.outpost");

    @Test
    void defaultsToTheLocalAgentOverTlsWithoutTrustingNewAgents() throws Exception {
        assertEquals(new CliArguments("127.0.0.1", 5005, 30, HOME.resolve("token"), HOME.resolve("known_agents"), false,
                false, "cpu", false), CliArguments.parse(null, HOME, "cpu"));
    }

    @Test
    void theEnvironmentNamesTheTokenFileUnlessAnOptionDoes() throws Exception {
        assertEquals(Path.of("/srv/token"), CliArguments.parse("/srv/token", HOME, "cpu").tokenFile());
        assertEquals(Path.of("/x"), CliArguments.parse("/srv/token", HOME, "--token-file", "/x", "cpu").tokenFile());
    }

    @Test
    void optionsComeBeforeTheCommandWhoseWordsAreJoined() throws Exception {
        CliArguments arguments = CliArguments.parse(null, HOME, "--host", "web-01", "--port", "6000", "--timeout", "5",
                "--trust-new", "--plain-tcp", "--known-agents", "/k", "ping", "--count", "3");
        assertEquals(new CliArguments("web-01", 6000, 5, HOME.resolve("token"), Path.of("/k"), true, true,
                "ping --count 3", false), arguments);
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertEquals("no command given (try: outpost-cli help)",
                assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse(null, HOME)).getMessage());
        assertEquals("--port must be between 1 and 65535, not 0",
                assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse(null, HOME, "--port", "0", "cpu"))
                        .getMessage());
        assertEquals("unknown option '--json'",
                assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse(null, HOME, "--json", "cpu"))
                        .getMessage());
    }

    @Test
    void helpNamesEveryOption() throws Exception {
        assertTrue(CliArguments.parse(null, HOME, "--help").help());
        for (String option : new String[] { "--host", "--port", "--token-file", "--known-agents", "--trust-new",
                "--plain-tcp", "--timeout", "--help" }) {
            assertTrue(CliArguments.USAGE.contains(option), option);
        }
    }
}
