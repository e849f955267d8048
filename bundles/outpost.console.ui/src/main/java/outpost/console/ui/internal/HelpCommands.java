package outpost.console.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command names in the agent's answer to {@code help}: after a {@code Commands:} line, one
 * line per command, indented, its names (a command and its aliases, separated by single spaces)
 * then at least two spaces and its description.
 */
final class HelpCommands {

    private HelpCommands() {
    }

    static List<String> parse(String helpText) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : helpText.split("\\R")) {
            if (line.isBlank() || !Character.isWhitespace(line.charAt(0))) {
                continue; // the heading, or anything that is not a command line
            }
            String namesColumn = line.strip().split("\\s{2,}", 2)[0];
            for (String name : namesColumn.split(" ")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return new ArrayList<>(names);
    }
}
