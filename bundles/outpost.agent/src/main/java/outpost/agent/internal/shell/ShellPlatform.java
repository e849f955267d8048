package outpost.agent.internal.shell;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What differs per operating system when running shell commands. */
public interface ShellPlatform {

    /** The program and arguments that run {@code line} in the shell, or empty when this OS has no such shell. */
    Optional<List<String>> command(ShellKind kind, String line);

    /** Why a shell is missing, for users. */
    String missing(ShellKind kind);

    /**
     * The charset the process {@link #command} builds for {@code kind} writes its output in, which
     * the agent decodes it with. Ending a process tree needs nothing per OS: {@link ProcessHandle}
     * covers them all.
     */
    Charset outputCharset(ShellKind kind);

    /** The system's native encoding (UTF-8 on any modern Unix; the ANSI code page on Windows). */
    static Charset nativeEncoding() {
        return charsetOr(System.getProperty("native.encoding"), Charset.defaultCharset());
    }

    /** The named charset, or the fallback when the name is unknown here (Java 17 has no forName with a default). */
    static Charset charsetOr(String name, Charset fallback) {
        try {
            return name == null ? fallback : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** The platform of the running JVM. */
    static ShellPlatform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.startsWith("windows") ? new WindowsShellPlatform(Executables.onPath()) : new UnixShellPlatform(Executables.onPath());
    }
}
