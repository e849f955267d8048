package outpost.agent.internal.shell;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Linux, macOS and other Unix systems: sh everywhere, PowerShell when pwsh is installed, no cmd.exe. */
final class UnixShellPlatform implements ShellPlatform {

    private final Function<String, Optional<Path>> programs;

    UnixShellPlatform(Function<String, Optional<Path>> programs) {
        this.programs = programs;
    }

    @Override
    public Optional<List<String>> command(ShellKind kind, String line) {
        return switch (kind) {
            case POSIX -> programs.apply("sh").map(sh -> List.of(sh.toString(), "-c", line));
            case POWERSHELL -> programs.apply("pwsh")
                    .map(pwsh -> List.of(pwsh.toString(), "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", line));
            case CMD -> Optional.empty();
        };
    }

    /**
     * Every shell here writes in the locale's charset, which the JVM reads as its native encoding.
     * Under the POSIX locale (a service started without LANG) that is US-ASCII, which would turn
     * every byte above 127 into U+FFFD; UTF-8 reads ASCII the same and the UTF-8 file names and
     * text programs pass through there as they are.
     */
    @Override
    public Charset outputCharset(ShellKind kind) {
        Charset system = ShellPlatform.nativeEncoding();
        return system.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : system;
    }

    @Override
    public String missing(ShellKind kind) {
        return switch (kind) {
            case CMD -> "cmd.exe exists only on Windows; this agent runs on " + System.getProperty("os.name")
                    + " (use sh: instead)";
            case POWERSHELL -> "PowerShell (pwsh) is not installed on this agent's machine";
            case POSIX -> "no sh on this agent's PATH";
        };
    }
}
