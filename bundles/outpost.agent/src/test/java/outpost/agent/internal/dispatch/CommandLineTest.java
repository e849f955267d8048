package outpost.agent.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void wordsAndPrefixesAreSplitFromTheirArguments() {
        assertEquals(new CommandLine("cpu", ""), CommandLine.parse("  CPU "));
        assertEquals(new CommandLine("ping", "invalid 3"), CommandLine.parse("ping  invalid 3"));
        assertEquals(new CommandLine("sh:", "ls -la /tmp"), CommandLine.parse("sh: ls -la /tmp"));
        assertEquals(new CommandLine("dos:", "dir C:\\"), CommandLine.parse("DOS:dir C:\\"));
        assertEquals(new CommandLine("ping", "host:80"), CommandLine.parse("ping host:80"), "a colon after the first word");
    }
}
