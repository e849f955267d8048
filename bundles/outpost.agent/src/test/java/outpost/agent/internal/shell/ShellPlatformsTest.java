package outpost.agent.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** How each platform turns a prefix and a line into a process, with a made-up PATH. */
class ShellPlatformsTest {

    private static Function<String, Optional<Path>> path(Map<String, String> programs) {
        return name -> Optional.ofNullable(programs.get(name)).map(Path::of);
    }

    @Test
    void unixRunsShAndPwshAndHasNoCmd() {
        UnixShellPlatform unix = new UnixShellPlatform(path(Map.of("sh", "/bin/sh", "pwsh", "/usr/bin/pwsh")));
        assertEquals(Optional.of(List.of("/bin/sh", "-c", "uname -a")), unix.command(ShellKind.POSIX, "uname -a"));
        assertEquals(List.of("/usr/bin/pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", "Get-Date"),
                unix.command(ShellKind.POWERSHELL, "Get-Date").orElseThrow());
        assertTrue(unix.command(ShellKind.CMD, "dir").isEmpty());
        assertTrue(unix.missing(ShellKind.CMD).startsWith("cmd.exe exists only on Windows"));
    }

    @Test
    void unixWithoutPwshSaysPowerShellIsMissing() {
        UnixShellPlatform unix = new UnixShellPlatform(path(Map.of("sh", "/bin/sh")));
        assertTrue(unix.command(ShellKind.POWERSHELL, "Get-Date").isEmpty());
        assertEquals("PowerShell (pwsh) is not installed on this agent's machine", unix.missing(ShellKind.POWERSHELL));
    }

    @Test
    void windowsRunsCmdWithoutAutoRunAndPowerShellAndShOnlyWhenInstalled() {
        WindowsShellPlatform windows = new WindowsShellPlatform(path(Map.of()));
        assertEquals(List.of("cmd.exe", "/d", "/s", "/c", "dir C:\\"), windows.command(ShellKind.CMD, "dir C:\\").orElseThrow());
        assertEquals("powershell.exe", windows.command(ShellKind.POWERSHELL, "Get-Date").orElseThrow().get(0));
        assertTrue(windows.command(ShellKind.POSIX, "ls").isEmpty());
        WindowsShellPlatform withGit = new WindowsShellPlatform(path(Map.of("sh.exe", "C:\\Git\\bin\\sh.exe", "pwsh.exe",
                "C:\\pwsh\\pwsh.exe")));
        assertEquals("C:\\Git\\bin\\sh.exe", withGit.command(ShellKind.POSIX, "ls").orElseThrow().get(0));
        assertEquals("C:\\pwsh\\pwsh.exe", withGit.command(ShellKind.POWERSHELL, "Get-Date").orElseThrow().get(0));
    }

    @Test
    void outputIsDecodedFromThePlatformCharset() {
        String previous = System.getProperty("native.encoding");
        try {
            System.setProperty("native.encoding", "windows-1252");
            assertEquals("windows-1252", new WindowsShellPlatform(path(Map.of())).outputCharset().name());
            System.setProperty("native.encoding", "ISO-8859-1");
            assertEquals("ISO-8859-1", new UnixShellPlatform(path(Map.of())).outputCharset().name());
        } finally {
            if (previous == null) {
                System.clearProperty("native.encoding");
            } else {
                System.setProperty("native.encoding", previous);
            }
        }
    }
}
