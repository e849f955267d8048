package outpost.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CliArgumentsTest {

    @Test
    void defaultsToTheLocalAgent() throws Exception {
        assertEquals(new CliArguments("127.0.0.1", 5005, 30, "cpu", false), CliArguments.parse("cpu"));
    }

    @Test
    void optionsComeBeforeTheCommandWhoseWordsAreJoined() throws Exception {
        CliArguments arguments = CliArguments.parse("--host", "web-01", "--port", "6000", "--timeout", "5", "ping", "--count", "3");
        assertEquals(new CliArguments("web-01", 6000, 5, "ping --count 3", false), arguments);
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertEquals("no command given (try: outpost-cli help)",
                assertThrows(CliArguments.UsageException.class, CliArguments::parse).getMessage());
        assertEquals("--port must be between 1 and 65535, not 0",
                assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse("--port", "0", "cpu")).getMessage());
        assertEquals("unknown option '--json'",
                assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse("--json", "cpu")).getMessage());
    }

    @Test
    void helpNamesEveryOption() throws Exception {
        assertTrue(CliArguments.parse("--help").help());
        for (String option : new String[] { "--host", "--port", "--timeout", "--help" }) {
            assertTrue(CliArguments.USAGE.contains(option), option);
        }
    }
}
