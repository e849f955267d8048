package outpost.explorer.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogSettings;

/**
 * The command lines last run on a group of servers, newest first, without repeats: what Run on
 * Selected offers again. Kept in the explorer's dialog settings across restarts.
 */
final class RecentCommands {

    /** How many are kept. */
    static final int KEPT = 10;

    private static final String KEY = "recentGroupCommands";

    private RecentCommands() {
    }

    /** The list after {@code used} was run: it comes first, an earlier copy of it goes, the oldest beyond {@link #KEPT} too. */
    static List<String> after(List<String> recent, String used) {
        List<String> next = new ArrayList<>(KEPT);
        next.add(used);
        recent.stream().filter(line -> !line.equals(used)).limit(KEPT - 1L).forEach(next::add);
        return next;
    }

    static List<String> load(IDialogSettings settings) {
        String[] stored = settings.getArray(KEY);
        return stored == null ? List.of() : List.of(stored);
    }

    static void remember(IDialogSettings settings, String used) {
        settings.put(KEY, after(load(settings), used).toArray(String[]::new));
    }
}
