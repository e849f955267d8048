package outpost.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outpost-agent --init} from the installed archive: it makes the token and the TLS identity
 * and exits without listening, keeps them when run again, and the agent then starts with them; it
 * is no start the class-data archive is written from.
 */
@EnabledOnOs(OS.LINUX)
class AgentInitProductTest {

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[0-9A-F:]{95}");

    @TempDir
    Path work;

    @Test
    void initMakesTokenAndIdentityOnceAndTheAgentStartsWithThem() throws Exception {
        Path install = work.resolve("outpost-agent");
        AgentProductTest.unpackArchive(install);
        Path data = work.resolve("data");
        Run init = run(List.of(install.resolve("outpost-agent").toString(), "--init", "--data", data.toString()));
        assertEquals(0, init.exit, init.output);
        assertTrue(init.output.contains("Created the admin token"), init.output);
        String fingerprint = fingerprint(init.output);
        assertTrue(Files.isRegularFile(data.resolve("token")) && Files.isRegularFile(data.resolve("agent-identity.p12")));
        assertFalse(init.output.contains("listening"), init.output);
        try (Stream<Path> files = Files.list(install.resolve("configuration"))) {
            assertEquals(1, files.filter(file -> file.getFileName().toString().endsWith(".jsa.mark")).count(),
                    "--init leaves the first start's mark, as a first start does");
        }

        Run again = run(List.of(install.resolve("outpost-agent").toString(), "--init", "--data", data.toString()));
        assertEquals(0, again.exit, again.output);
        assertTrue(again.output.contains("present (kept)"), again.output);
        assertEquals(fingerprint, fingerprint(again.output));

        Path log = work.resolve("agent.out");
        Process agent = new ProcessBuilder(install.resolve("outpost-agent").toString(), "--port", String.valueOf(AgentProductTest.freePort()),
                "--data", data.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(log).contains("listening on")) {
                if (!agent.isAlive() || System.nanoTime() > deadline) {
                    fail("the agent did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            String started = Files.readString(log);
            assertEquals(fingerprint, fingerprint(started));
            assertFalse(started.contains("Created the admin token"), started);
        } finally {
            agent.destroy();
            agent.waitFor(20, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.list(install.resolve("configuration"))) {
            assertTrue(files.anyMatch(file -> file.getFileName().toString().endsWith(".jsa.new")),
                    "the first start after --init writes the class-data archive when it stops");
        }
    }

    private static String fingerprint(String output) {
        Matcher matcher = FINGERPRINT.matcher(output);
        assertTrue(matcher.find(), output);
        return matcher.group();
    }

    private record Run(int exit, String output) {
    }

    private Run run(List<String> command) throws Exception {
        Path output = Files.createTempFile(work, "run", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not end within 120 s: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
