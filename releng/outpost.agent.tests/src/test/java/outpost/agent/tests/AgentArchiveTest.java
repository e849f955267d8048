package outpost.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The agent's archive unpacks as a user unpacks it, with GNU tar, and says nothing while doing so. */
@EnabledOnOs(OS.LINUX)
class AgentArchiveTest {

    @TempDir
    Path work;

    @Test
    void gnuTarUnpacksTheArchiveWithoutAWord() throws Exception {
        Process version = new ProcessBuilder("tar", "--version").redirectErrorStream(true).start();
        String tar = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(version.waitFor(10, TimeUnit.SECONDS) && tar.contains("GNU tar"), "GNU tar is the tar here: " + tar);

        Path stderr = work.resolve("tar.err");
        Process unpack = new ProcessBuilder("tar", "-xzf", AgentProductTest.archive().toString(), "-C", work.toString())
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(unpack.waitFor(60, TimeUnit.SECONDS), "tar ends");
        String warnings = Files.readString(stderr);
        assertEquals(0, unpack.exitValue(), warnings);
        assertEquals("", warnings, "tar printed on standard error");
        assertTrue(Files.isExecutable(work.resolve("outpost-agent").resolve("outpost-agent")), "the archive was unpacked");
    }
}
