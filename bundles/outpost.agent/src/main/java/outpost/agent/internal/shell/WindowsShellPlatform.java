package outpost.agent.internal.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Windows: cmd.exe and PowerShell always, sh only when one is installed (Git for Windows, say). */
final class WindowsShellPlatform implements ShellPlatform {

    private final Function<String, Optional<Path>> programs;

    WindowsShellPlatform(Function<String, Optional<Path>> programs) {
        this.programs = programs;
    }

    @Override
    public Optional<List<String>> command(ShellKind kind, String line) {
        return switch (kind) {
            // /d: no AutoRun; /s /c: run the line as it is, outer quotes handled by cmd itself
            case CMD -> Optional.of(List.of("cmd.exe", "/d", "/s", "/c", line));
            case POWERSHELL -> Optional.of(List.of(programs.apply("pwsh.exe").map(Path::toString).orElse("powershell.exe"),
                    "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", line));
            case POSIX -> programs.apply("sh.exe").map(sh -> List.of(sh.toString(), "-c", line));
        };
    }

    @Override
    public String missing(ShellKind kind) {
        return kind == ShellKind.POSIX ? "no sh.exe on this Windows agent's PATH (use cmd: or powershell: instead)"
                : kind.prefix() + " is not available";
    }
}
