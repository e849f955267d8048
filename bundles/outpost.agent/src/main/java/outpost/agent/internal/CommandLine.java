package outpost.agent.internal;

import java.util.Locale;

/** A request's command line split into the command name and the rest. */
record CommandLine(String name, String arguments) {

    static CommandLine parse(String line) {
        String trimmed = line.strip();
        int space = indexOfWhitespace(trimmed);
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
