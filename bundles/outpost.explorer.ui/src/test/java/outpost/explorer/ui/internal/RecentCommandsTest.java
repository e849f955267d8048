package outpost.explorer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.jface.dialogs.DialogSettings;
import org.junit.jupiter.api.Test;

/** The command lines Run on Selected offers again. */
class RecentCommandsTest {

    @Test
    void theLineRunLastComesFirstOnceAndTheOldestGoBeyondTheLimit() {
        assertEquals(List.of("uptime"), RecentCommands.after(List.of(), "uptime"));
        assertEquals(List.of("disk", "uptime", "name"), RecentCommands.after(List.of("uptime", "disk", "name"), "disk"),
                "a repeated line moves to the front, not in twice");
        List<String> full = IntStream.range(0, RecentCommands.KEPT).mapToObj(i -> "line " + i).toList();
        List<String> next = RecentCommands.after(full, "new");
        assertEquals(RecentCommands.KEPT, next.size());
        assertEquals("new", next.get(0));
        assertEquals("line " + (RecentCommands.KEPT - 2), next.get(RecentCommands.KEPT - 1), "the oldest is dropped");
    }

    @Test
    void theLinesAreKeptInTheDialogSettings() {
        DialogSettings settings = new DialogSettings("outpost.explorer.ui");
        assertEquals(List.of(), RecentCommands.load(settings));
        RecentCommands.remember(settings, "sh: echo hello");
        RecentCommands.remember(settings, "name");
        RecentCommands.remember(settings, "sh: echo hello");
        assertEquals(List.of("sh: echo hello", "name"), RecentCommands.load(settings));
    }
}
