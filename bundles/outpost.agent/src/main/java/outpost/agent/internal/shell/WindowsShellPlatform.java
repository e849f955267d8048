package outpost.agent.internal.shell;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Windows: cmd.exe and PowerShell always, sh only when one is installed (Git for Windows, say).
 *
 * <p>Every shell here is made to write UTF-8, and its output is decoded as UTF-8. Left alone, cmd's
 * built-ins and most console programs write to a pipe in the console's OEM code page (437, 850,
 * 866...), PowerShell in {@code [Console]::OutputEncoding} (the same OEM page); Java knows only
 * the ANSI page (1252...), and an OEM page cannot carry text of another script anyway (a Cyrillic
 * file name on a Western system). Java starts a child whose standard handles are all pipes with
 * {@code CREATE_NO_WINDOW}, so it gets a console of its own: changing that console's code page
 * leaves the agent's console, if any, as it is.
 */
final class WindowsShellPlatform implements ShellPlatform {

    /**
     * Switches cmd's console to UTF-8 before the user's line: cmd's built-ins and the programs it
     * starts then write UTF-8. {@code &} runs the line whether chcp worked or not and has the
     * lowest precedence in cmd, so the line's own {@code &&}, {@code ||} and {@code |} group as
     * typed and cmd exits with the line's exit code. The space before {@code >}: a digit right before it
     * can be taken for a handle number.
     */
    static final String CMD_UTF8 = "chcp 65001 >nul & ";

    /**
     * Makes PowerShell write UTF-8 (no byte-order mark) and read native programs' output as UTF-8
     * ({@code [Console]::OutputEncoding}, which also sets the console code page for the programs
     * it starts) and send UTF-8 to them ({@code $OutputEncoding}). A separate statement: with
     * -Command the exit code comes from the last statement, the user's.
     */
    static final String POWERSHELL_UTF8 = "$OutputEncoding = New-Object System.Text.UTF8Encoding $false; "
            + "[Console]::OutputEncoding = $OutputEncoding; ";

    private final Function<String, Optional<Path>> programs;

    WindowsShellPlatform(Function<String, Optional<Path>> programs) {
        this.programs = programs;
    }

    @Override
    public Optional<List<String>> command(ShellKind kind, String line) {
        return switch (kind) {
            // /d: no AutoRun. /s /c "...": cmd drops the first and the last quote and runs the rest
            // as it is; an argument already in quotes is passed on by Java unchanged (no quotes
            // added, no backslashes doubled), so cmd gets the line exactly as typed.
            case CMD -> Optional.of(List.of("cmd.exe", "/d", "/s", "/c", '"' + CMD_UTF8 + line + '"'));
            case POWERSHELL -> Optional.of(List.of(programs.apply("pwsh.exe").map(Path::toString).orElse("powershell.exe"),
                    "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", quoteForArgv(POWERSHELL_UTF8 + line)));
            case POSIX -> programs.apply("sh.exe").map(sh -> List.of(sh.toString(), "-c", line));
        };
    }

    /**
     * cmd and PowerShell write UTF-8 once {@link #command} has switched them; sh.exe (Git for
     * Windows, MSYS2) writes UTF-8 unless its locale says otherwise.
     */
    @Override
    public Charset outputCharset(ShellKind kind) {
        return StandardCharsets.UTF_8;
    }

    @Override
    public String missing(ShellKind kind) {
        return kind == ShellKind.POSIX ? "no sh.exe on this Windows agent's PATH (use cmd: or powershell: instead)"
                : kind.prefix() + " is not available";
    }

    /**
     * One argument quoted so that a program splitting its command line by Microsoft's C runtime
     * rules (powershell.exe and pwsh.exe do) gets it back unchanged, quotes and backslashes
     * included: in quotes, a quote is escaped with a backslash, and backslashes are doubled where
     * they precede a quote. Java passes an argument that starts and ends with a quote as it is.
     */
    static String quoteForArgv(String argument) {
        StringBuilder quoted = new StringBuilder(argument.length() + 8).append('"');
        int backslashes = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            quoted.append("\\".repeat(c == '"' ? 2 * backslashes + 1 : backslashes)).append(c);
            backslashes = 0;
        }
        return quoted.append("\\".repeat(2 * backslashes)).append('"').toString();
    }
}
