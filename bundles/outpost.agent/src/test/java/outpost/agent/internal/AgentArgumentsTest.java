package outpost.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

    @Test
    void defaultsToLoopbackOnPort5005() throws Exception {
        AgentArguments arguments = AgentArguments.parse();
        assertEquals("127.0.0.1", arguments.socketAddress().getAddress().getHostAddress());
        assertEquals(5005, arguments.socketAddress().getPort());
    }

    @Test
    void portAndBindAreTaken() throws Exception {
        AgentArguments arguments = AgentArguments.parse("--port", "6000", "--bind", "0.0.0.0");
        assertEquals(6000, arguments.port());
        assertEquals("0.0.0.0", arguments.socketAddress().getAddress().getHostAddress());
    }

    @Test
    void tlsIsOnUnlessPlainTcpIsAskedForAndTheDataFolderIsTaken() throws Exception {
        assertEquals(false, AgentArguments.parse().plainTcp());
        AgentArguments arguments = AgentArguments.parse("--plain-tcp", "--data", "/var/lib/outpost");
        assertEquals(true, arguments.plainTcp());
        assertEquals("/var/lib/outpost", arguments.dataDirectory());
    }

    @Test
    void onlyTheOptionsGivenOverrideTheConfigurationFile() throws Exception {
        assertEquals(java.util.Map.of(), AgentArguments.parse().overrides());
        assertEquals(java.util.Map.of("port", 6000, "plain.tcp", true, "data", "/d"),
                AgentArguments.parse("--port", "6000", "--plain-tcp", "--data", "/d").overrides());
        assertEquals(7000, AgentArguments.parse("--console", "7000").consolePort());
    }

    @Test
    void badValuesNameTheOption() {
        assertMessage("--console must be a number, not 'x'", "--console", "x");
        assertMessage("--port must be between 0 and 65535, not 70000", "--port", "70000");
        assertMessage("--port must be a number, not 'http'", "--port", "http");
        assertMessage("--port needs a value", "--port");
        assertMessage("unknown option '--verbose'", "--verbose");
        assertMessage("--bind needs a value", "--bind", "--port", "1");
    }

    @Test
    void initTakesTheDataFolderAndTheConfigurationOnly() throws Exception {
        AgentArguments arguments = AgentArguments.parse("--init", "--data", "/var/lib/outpost", "--config", "/etc/a.cfg");
        assertTrue(arguments.init());
        assertEquals("/var/lib/outpost", arguments.dataDirectory());
        assertEquals(false, AgentArguments.parse("--data", "/d").init());
        assertMessage("--init takes only --data and --config: it does not listen", "--init", "--port", "6000");
        assertMessage("--init takes only --data and --config: it does not listen", "--plain-tcp", "--init");
    }

    @Test
    void helpDescribesEveryOption() throws Exception {
        assertTrue(AgentArguments.parse("--help").help());
        for (String option : new String[] { "--port", "--bind", "--data", "--config", "--plain-tcp", "--console",
                "--init", "--help" }) {
            assertTrue(AgentArguments.USAGE.contains(option), option);
        }
    }

    private static void assertMessage(String expected, String... args) {
        AgentArguments.UsageException error = assertThrows(AgentArguments.UsageException.class,
                () -> AgentArguments.parse(args));
        assertEquals(expected, error.getMessage());
    }
}
