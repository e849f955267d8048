package outpost.agent.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
        assertEquals(List.of("/bin/sh", "-c", "ls \"Zoë's\" & echo 'été' && true"),
                unix.command(ShellKind.POSIX, "ls \"Zoë's\" & echo 'été' && true").orElseThrow());
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
        assertEquals(List.of("cmd.exe", "/d", "/s", "/c", "\"chcp 65001 >nul & dir C:\\\""),
                windows.command(ShellKind.CMD, "dir C:\\").orElseThrow());
        assertEquals("powershell.exe", windows.command(ShellKind.POWERSHELL, "Get-Date").orElseThrow().get(0));
        assertTrue(windows.command(ShellKind.POSIX, "ls").isEmpty());
        WindowsShellPlatform withGit = new WindowsShellPlatform(path(Map.of("sh.exe", "C:\\Git\\bin\\sh.exe", "pwsh.exe",
                "C:\\pwsh\\pwsh.exe")));
        assertEquals(List.of("C:\\Git\\bin\\sh.exe", "-c", "ls 'a b' && echo \"é\""),
                withGit.command(ShellKind.POSIX, "ls 'a b' && echo \"é\"").orElseThrow());
        assertEquals("C:\\pwsh\\pwsh.exe", withGit.command(ShellKind.POWERSHELL, "Get-Date").orElseThrow().get(0));
    }

    @Test
    void cmdGetsTheLineAsTypedAfterSwitchingItsConsoleToUtf8() {
        WindowsShellPlatform windows = new WindowsShellPlatform(path(Map.of()));
        // quotes, & and || stay as typed; & before them keeps the line's own grouping and exit code
        String line = "type \"C:\\Users\\Zoë\\notes & todo.txt\" || echo \"not there\" & exit /b 3";
        assertEquals(List.of("cmd.exe", "/d", "/s", "/c", "\"chcp 65001 >nul & " + line + "\""),
                windows.command(ShellKind.CMD, line).orElseThrow());
        String cyrillic = "dir \"C:\\Документы\"";
        assertEquals("\"chcp 65001 >nul & dir \"C:\\Документы\"\"", windows.command(ShellKind.CMD, cyrillic).orElseThrow().get(4));
    }

    @Test
    void powerShellGetsTheLineAsTypedAfterSwitchingToUtf8() {
        WindowsShellPlatform windows = new WindowsShellPlatform(path(Map.of()));
        String prefix = "$OutputEncoding = New-Object System.Text.UTF8Encoding $false; [Console]::OutputEncoding = $OutputEncoding; ";
        List<String> command = windows.command(ShellKind.POWERSHELL, "Write-Output \"a & b\"; exit 3").orElseThrow();
        assertEquals(List.of("powershell.exe", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command"), command.subList(0, 5));
        // quoted for the C runtime's argument splitting, which gives PowerShell the text between the outer quotes unescaped
        assertEquals("\"" + prefix + "Write-Output \\\"a & b\\\"; exit 3\"", command.get(5));
        assertEquals("\"" + prefix + "Get-ChildItem 'C:\\Données\\Завтра'\"",
                windows.command(ShellKind.POWERSHELL, "Get-ChildItem 'C:\\Données\\Завтра'").orElseThrow().get(5));
    }

    @Test
    void argvQuotingDoublesBackslashesOnlyBeforeAQuote() {
        assertEquals("\"\"", WindowsShellPlatform.quoteForArgv(""));
        assertEquals("\"a b\"", WindowsShellPlatform.quoteForArgv("a b"));
        assertEquals("\"C:\\dir\\file\"", WindowsShellPlatform.quoteForArgv("C:\\dir\\file"));
        assertEquals("\"C:\\dir\\\\\"", WindowsShellPlatform.quoteForArgv("C:\\dir\\"));
        assertEquals("\"say \\\"hi\\\"\"", WindowsShellPlatform.quoteForArgv("say \"hi\""));
        assertEquals("\"a\\\\\\\"b\"", WindowsShellPlatform.quoteForArgv("a\\\"b"));
    }

    @Test
    void windowsDecodesEveryShellAsUtf8WhateverTheCodePages() {
        WindowsShellPlatform windows = new WindowsShellPlatform(path(Map.of()));
        withNativeEncoding("windows-1252", () -> {
            for (ShellKind kind : ShellKind.values()) {
                assertEquals(StandardCharsets.UTF_8, windows.outputCharset(kind), kind.name());
            }
        });
    }

    @Test
    void unixDecodesEveryShellWithTheNativeEncoding() {
        UnixShellPlatform unix = new UnixShellPlatform(path(Map.of()));
        withNativeEncoding("ISO-8859-1", () -> {
            for (ShellKind kind : ShellKind.values()) {
                assertEquals(StandardCharsets.ISO_8859_1, unix.outputCharset(kind), kind.name());
            }
        });
        withNativeEncoding("UTF-8", () -> assertEquals(StandardCharsets.UTF_8, unix.outputCharset(ShellKind.POSIX)));
        // the POSIX locale's name for ASCII, as a JVM started without LANG reports it
        withNativeEncoding("ANSI_X3.4-1968", () -> assertEquals(StandardCharsets.UTF_8, unix.outputCharset(ShellKind.POSIX)));
    }

    private static void withNativeEncoding(String name, Runnable check) {
        String previous = System.getProperty("native.encoding");
        try {
            System.setProperty("native.encoding", name);
            check.run();
        } finally {
            if (previous == null) {
                System.clearProperty("native.encoding");
            } else {
                System.setProperty("native.encoding", previous);
            }
        }
    }
}
