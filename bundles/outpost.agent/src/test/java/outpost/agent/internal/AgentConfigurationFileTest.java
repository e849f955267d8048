package outpost.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.agent.AgentSettings;

class AgentConfigurationFileTest {

    @TempDir
    Path directory;

    private final AgentSettings defaults = AgentSettings.defaults(new InetSocketAddress(5005), Path.of("data"));

    @Test
    void shellPatternsTimeoutAndCapAreRead() throws IOException {
        Path file = write("shell.allow.1 = uname -a\nshell.allow.2=df -h *\nshell.deny.1=df -h /secret*\n"
                + "request.timeout=30\noutput.cap=2048\n");
        AgentSettings settings = AgentConfigurationFile.apply(file, defaults);
        assertEquals(List.of("uname -a", "df -h *"), settings.shell().allow());
        assertEquals(List.of("df -h /secret*"), settings.shell().deny());
        assertEquals(Duration.ofSeconds(30), settings.defaultTimeout());
        assertEquals(2048, settings.outputCapBytes());
    }

    @Test
    void withoutShellAllowShellCommandsStayOff() throws IOException {
        assertFalse(AgentConfigurationFile.apply(write("request.timeout=5\n"), defaults).shell().enabled());
        assertFalse(defaults.shell().enabled(), "off by default");
    }

    @Test
    void invalidValuesNameTheirKey() throws IOException {
        assertMessage("request.timeout must be a whole number, not 'soon'", "request.timeout=soon\n");
        assertMessage("output.cap must be between 1024 and", "output.cap=10\n");
        assertMessage("unknown key 'shell.alow'", "shell.alow=ls\n");
        assertMessage("shell.allow.1 is empty (write * to allow every command line)", "shell.allow.1=\n");
        IOException missing = assertThrows(IOException.class,
                () -> AgentConfigurationFile.apply(directory.resolve("none.properties"), defaults));
        assertTrue(missing.getMessage().startsWith("no such file"), missing.getMessage());
    }

    private void assertMessage(String expected, String content) throws IOException {
        Path file = write(content);
        IOException error = assertThrows(IOException.class, () -> AgentConfigurationFile.apply(file, defaults));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(directory, "agent", ".properties");
        Files.writeString(file, content);
        return file;
    }
}
