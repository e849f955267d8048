package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class HelpCommandsTest {

    /** As the agent's CommandRegistry writes it: names padded to a column, aliases after the name. */
    private static final String HELP = """
            Commands:
              help        list the commands you may run
              disconnect  end this session
              reset       restart the agent: every client is disconnected
              cpu         CPU load over the last second, per core
              ping        ping <host> [count]: the system's ping
              sh: linux:  run a command line in the POSIX shell (allow-listed)
              procs       procs [cpu|mem] [N]: top processes""";

    @Test
    void takesEveryNameAndAliasButNotTheDescriptions() {
        assertEquals(List.of("help", "disconnect", "reset", "cpu", "ping", "sh:", "linux:", "procs"),
                HelpCommands.parse(HELP));
    }

    @Test
    void windowsLineBreaksAndEmptyAnswersAreFine() {
        assertEquals(List.of("cpu", "ram"), HelpCommands.parse("Commands:\r\n  cpu   load\r\n  ram   memory\r\n"));
        assertEquals(List.of(), HelpCommands.parse(""));
        assertEquals(List.of(), HelpCommands.parse("unknown command 'help', try help"));
    }
}
