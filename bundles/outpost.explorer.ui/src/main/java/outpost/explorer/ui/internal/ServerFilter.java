package outpost.explorer.ui.internal;

import java.util.Locale;

import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;

import outpost.servers.Server;

/**
 * Keeps servers whose name, host or group contains the filter text (ignoring case); a group stays
 * while one of its servers does.
 */
final class ServerFilter extends ViewerFilter {

    private String text = "";

    /** @return whether the filter changed */
    boolean setText(String filter) {
        String normalized = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        boolean changed = !normalized.equals(text);
        text = normalized;
        return changed;
    }

    boolean matches(Server server) {
        return text.isEmpty() || contains(server.name()) || contains(server.host()) || contains(server.group());
    }

    @Override
    public boolean select(Viewer viewer, Object parent, Object element) {
        if (element instanceof ServerGroup group) {
            return group.servers().stream().anyMatch(this::matches);
        }
        return element instanceof Server server && matches(server);
    }

    private boolean contains(String value) {
        return value.toLowerCase(Locale.ROOT).contains(text);
    }
}
