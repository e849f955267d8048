package outpost.agent.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import outpost.agent.CommandContext;
import outpost.agent.ShellPolicy;

/** Real processes on Linux writing bytes in a known charset, decoded with the charset they are given. */
@EnabledOnOs(OS.LINUX)
class ProcessRunnerTest {

    /** Collects what a command sends; permits every shell line. */
    private static final class RecordingContext implements CommandContext {
        private final String arguments;
        private final StringBuilder stdout = new StringBuilder();
        private final StringBuilder stderr = new StringBuilder();

        RecordingContext(String arguments) {
            this.arguments = arguments;
        }

        @Override
        public String arguments() {
            return arguments;
        }

        @Override
        public synchronized void stdout(String text) {
            stdout.append(text);
        }

        @Override
        public synchronized void stderr(String text) {
            stderr.append(text);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public ShellPolicy shellPolicy() {
            return new ShellPolicy(List.of("*"), List.of());
        }

        synchronized String stdout() {
            return stdout.toString();
        }

        synchronized String stderr() {
            return stderr.toString();
        }
    }

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    @Test
    void oemCodePageBytesAreDecodedWithTheGivenCharset() throws Exception {
        RecordingContext context = new RecordingContext("");
        // "café über" in code page 437, as cmd's built-ins write it on a US console: é = 0x82, ü = 0x81
        int exit = ProcessRunner.run(sh("printf 'caf\\202 \\201ber'; printf '\\202t\\202' >&2; exit 4"),
                Charset.forName("IBM437"), context);
        assertEquals(4, exit);
        assertEquals("café über", context.stdout());
        assertEquals("été", context.stderr());
    }

    @Test
    void theSameBytesReadAsAnotherCharsetGiveOtherText() throws Exception {
        RecordingContext context = new RecordingContext("");
        ProcessRunner.run(sh("printf '\\202\\201'"), Charset.forName("IBM866"), context);
        assertEquals("ВБ", context.stdout()); // 0x82, 0x81 are Cyrillic capitals in code page 866
    }

    @Test
    void aUtf8CharacterSplitAcrossTwoWritesIsDecodedWhole() throws Exception {
        RecordingContext context = new RecordingContext("");
        // é is 0xC3 0xA9 in UTF-8, Д is 0xD0 0x94: each written in two halves by separate printf calls
        ProcessRunner.run(sh("printf '\\303'; sleep 0.1; printf '\\251 \\320'; sleep 0.1; printf '\\224\\n'"),
                StandardCharsets.UTF_8, context);
        assertEquals("é Д\n", context.stdout());
    }

    @Test
    void aByteThatIsNotUtf8BecomesOneReplacementCharacterAndTheRestSurvives() throws Exception {
        RecordingContext context = new RecordingContext("");
        ProcessRunner.run(sh("printf 'a\\202b'"), StandardCharsets.UTF_8, context);
        assertEquals("a\uFFFDb", context.stdout());
    }

    @Test
    void aShellCommandDecodesWithTheCharsetItsPlatformGivesForThatShell() throws Exception {
        // a platform whose sh writes code page 850, as sh.exe could under a Windows locale
        ShellPlatform oemSh = new ShellPlatform() {
            @Override
            public Optional<List<String>> command(ShellKind kind, String line) {
                return kind == ShellKind.POSIX ? Optional.of(sh(line)) : Optional.empty();
            }

            @Override
            public String missing(ShellKind kind) {
                return "no " + kind;
            }

            @Override
            public Charset outputCharset(ShellKind kind) {
                return kind == ShellKind.POSIX ? Charset.forName("IBM850") : StandardCharsets.UTF_8;
            }
        };
        ShellCommand command = new ShellCommand(ShellKind.POSIX, oemSh) {
            @Override
            public String help() {
                return "test";
            }
        };
        RecordingContext context = new RecordingContext("printf 'Stra\\341e \\232ber'");
        assertEquals(0, command.execute(context));
        assertEquals("Straße Über", context.stdout()); // 0xE1 = ß, 0x9A = Ü in code page 850
    }
}
