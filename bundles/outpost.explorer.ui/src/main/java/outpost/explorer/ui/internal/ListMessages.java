package outpost.explorer.ui.internal;

import java.util.List;

import outpost.servers.ServerListDocument;
import outpost.servers.ServerListProblem;

/**
 * The words of the explorer's message line about the list file. The rows the console could not
 * read are listed after every message, until they are fixed, so that they are never forgotten.
 */
final class ListMessages {

    /** Problems listed under the tree; the Error Log has them all. */
    static final int SHOWN_PROBLEMS = 12;

    private ListMessages() {
    }

    /** The message followed by the document's unreadable rows, if any. */
    static String withProblems(String message, ServerListDocument document) {
        StringBuilder text = new StringBuilder(message.strip());
        if (!document.problems().isEmpty()) {
            text.append("\n").append(count(document.problems().size(), "row", "rows"))
                    .append(" skipped (kept in the file as they are):");
            appendProblems(text, document.problems());
        }
        return text.toString();
    }

    static void appendProblems(StringBuilder text, List<ServerListProblem> problems) {
        problems.stream().limit(SHOWN_PROBLEMS).forEach(problem -> text.append("\n  ").append(problem));
        if (problems.size() > SHOWN_PROBLEMS) {
            text.append("\n  ... and ").append(problems.size() - SHOWN_PROBLEMS).append(" more (see the Error Log)");
        }
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
