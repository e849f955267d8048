package outpost.agent.internal.configuration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigurationFileTest {

    @TempDir
    Path directory;

    @Test
    void shellPatternsTimeoutCapAndPlainTextAreReadAsTypedValues() throws IOException {
        Map<String, Object> values = AgentConfigurationFile.read(write("shell.allow.1 = uname -a\nshell.allow.2=df -h *\n"
                + "shell.deny.1=df -h /secret*\nrequest.timeout=30\noutput.cap=2048\nport=6000\nplain.tcp=true\n"
                + "plain.text.enabled=true\nplain.text.commands=cpu, ram\n"));
        assertArrayEquals(new String[] { "uname -a", "df -h *" }, (String[]) values.get("shell.allow"));
        assertArrayEquals(new String[] { "df -h /secret*" }, (String[]) values.get("shell.deny"));
        assertEquals(30, values.get("request.timeout"));
        assertEquals(2048, values.get("output.cap"));
        assertEquals(6000, values.get("port"));
        assertEquals(Boolean.TRUE, values.get("plain.tcp"));
        assertEquals(Boolean.TRUE, values.get("plain.text.enabled"));
        assertArrayEquals(new String[] { "cpu", "ram" }, (String[]) values.get("plain.text.commands"));
    }

    @Test
    void brokerKeysAreReadAndTheirRangeChecked() throws IOException {
        Map<String, Object> values = AgentConfigurationFile.read(write("broker.url = ssl://127.0.0.1:8883\n"
                + "broker.clientId = web-7\nbroker.username = web-7\nbroker.passwordFile = /etc/outpost/broker.password\n"
                + "broker.caFile = /etc/outpost/ca.pem\nbroker.metrics.seconds = 10\nbroker.group =  web servers \n"));
        assertEquals("ssl://127.0.0.1:8883", values.get("broker.url"));
        assertEquals("web-7", values.get("broker.clientId"));
        assertEquals("/etc/outpost/ca.pem", values.get("broker.caFile"));
        assertEquals(10, values.get("broker.metrics.seconds"));
        assertMessage("broker.metrics.seconds must be between 0 and 86400, not -1", "broker.metrics.seconds=-1\n");
        assertMessage("broker.url is empty", "broker.url=\n");
        assertEquals("web servers", values.get("broker.group"), "trimmed");
        assertMessage("broker.group: a group has at most 64 characters, not 65", "broker.group=" + "g".repeat(65) + "\n");
        assertMessage("broker.group: a group has no control characters", "broker.group=web\\u0007\n");
        assertMessage("broker.group is empty", "broker.group=\n");
    }

    @Test
    void theTlsEngineIsReadInAnyLetterCase() throws IOException {
        assertEquals("openssl", AgentConfigurationFile.read(write("tls.engine = OpenSSL\n")).get("tls.engine"));
        assertEquals("jdk", AgentConfigurationFile.read(write("tls.engine=jdk\n")).get("tls.engine"));
    }

    @Test
    void withoutShellAllowShellCommandsStayOff() throws IOException {
        assertFalse(AgentConfigurationFile.read(write("request.timeout=5\n")).containsKey("shell.allow"));
    }

    @Test
    void theShippedFileListsEveryKeyCommentedOutSoItChangesNothing() throws IOException {
        Path shipped = Path.of(System.getProperty("user.dir")).resolve(
                "../../features/outpost.agent.feature/rootfiles/etc/outpost.agent.cfg").normalize();
        assertTrue(AgentConfigurationFile.read(shipped).isEmpty(), "every key is commented out");
        String text = Files.readString(shipped);
        for (String key : new String[] { "bind", "port", "data", "plain.tcp", "tls.engine", "request.timeout", "output.cap",
                "max.connections", "max.in.flight", "shell.allow.1", "shell.deny.1", "plain.text.enabled",
                "plain.text.bind", "plain.text.port", "plain.text.commands", "plain.text.max.line",
                "plain.text.max.connections", "plain.text.idle.timeout", "broker.url", "broker.clientId",
                "broker.username", "broker.passwordFile", "broker.caFile", "broker.fingerprint", "broker.metrics.seconds",
                "broker.group" }) {
            assertTrue(text.contains("\n#" + key + " ="), key);
        }
    }

    @Test
    void invalidValuesNameTheirKey() throws IOException {
        assertMessage("request.timeout must be a whole number, not 'soon'", "request.timeout=soon\n");
        assertMessage("output.cap must be between 1024 and", "output.cap=10\n");
        assertMessage("port must be between 0 and 65535, not 70000", "port=70000\n");
        assertMessage("plain.tcp must be true or false, not 'yes'", "plain.tcp=yes\n");
        assertMessage("tls.engine must be auto, openssl or jdk, not 'boringssl'", "tls.engine=boringssl\n");
        assertMessage("bind: cannot use 'no.such.host.invalid'", "bind=no.such.host.invalid\n");
        assertMessage("unknown key 'shell.alow'", "shell.alow=ls\n");
        assertMessage("shell.allow.1 is empty (write * to allow every command line)", "shell.allow.1=\n");
        IOException missing = assertThrows(IOException.class,
                () -> AgentConfigurationFile.read(directory.resolve("none.properties")));
        assertTrue(missing.getMessage().startsWith("no such file"), missing.getMessage());
    }

    private void assertMessage(String expected, String content) throws IOException {
        Path file = write(content);
        IOException error = assertThrows(IOException.class, () -> AgentConfigurationFile.read(file));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().startsWith(file.toString()), "names the file: " + error.getMessage());
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(directory, "agent", ".cfg");
        Files.writeString(file, content);
        return file;
    }
}
