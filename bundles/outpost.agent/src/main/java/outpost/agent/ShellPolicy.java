package outpost.agent;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which shell command lines the agent may run, Zabbix AllowKey/DenyKey style: a line runs when it
 * matches an allow pattern and no deny pattern. Patterns match the whole line. In a pattern,
 * {@code *} stands for any text without shell control characters ({@code ; & | ` $ < > ( ) \}
 * or a line break), so {@code echo *} cannot smuggle a second command; a pattern that is exactly
 * {@code *} allows every line, and must be written to mean that. No allow pattern at all: shell
 * commands are off, the default.
 */
public record ShellPolicy(List<String> allow, List<String> deny) {

    public static final ShellPolicy DISABLED = new ShellPolicy(List.of(), List.of());

    public ShellPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    public boolean enabled() {
        return !allow.isEmpty();
    }

    public boolean permits(String line) {
        return allow.stream().anyMatch(pattern -> matches(pattern, line))
                && deny.stream().noneMatch(pattern -> matches(pattern, line));
    }

    private static final String WILDCARD = "[^;&|`$<>(){}\\\\\\r\\n]*";

    static boolean matches(String glob, String line) {
        if (glob.equals("*")) {
            return true;
        }
        String[] literals = glob.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(WILDCARD);
            }
            regex.append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(line).matches();
    }
}
