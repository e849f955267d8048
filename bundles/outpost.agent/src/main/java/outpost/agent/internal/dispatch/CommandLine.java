package outpost.agent.internal.dispatch;

import java.util.Locale;

/** A request's command line split into the command name (a word, or a prefix up to its colon) and the rest. */
public record CommandLine(String name, String arguments) {

    public static CommandLine parse(String line) {
        String trimmed = line.strip();
        int space = indexOfWhitespace(trimmed);
        int colon = trimmed.indexOf(':');
        if (colon > 0 && (space < 0 || colon < space)) {
            // prefix commands of the original, "sh: ls" or "sh:ls": the name ends with the colon
            return new CommandLine(trimmed.substring(0, colon + 1).toLowerCase(Locale.ROOT), trimmed.substring(colon + 1).strip());
        }
        if (space < 0) {
            return new CommandLine(trimmed.toLowerCase(Locale.ROOT), "");
        }
        return new CommandLine(trimmed.substring(0, space).toLowerCase(Locale.ROOT), trimmed.substring(space).strip());
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
