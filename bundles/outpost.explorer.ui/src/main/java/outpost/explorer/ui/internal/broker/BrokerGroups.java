package outpost.explorer.ui.internal.broker;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

/**
 * The groups the user assigned to the broker's agents, by agent id, kept in the workspace's
 * preferences (node {@value #NODE}): the user files agents where they like. An agent never assigned
 * is in the group it announces (its broker.group), else in {@link #UNASSIGNED}. UI thread;
 * {@link #assign} writes through at once.
 */
public final class BrokerGroups {

    public static final String NODE = BrokerPreferences.NODE + "/brokerGroups";
    /** Where the broker's agents are until the user files them elsewhere. */
    public static final String UNASSIGNED = "Broker";

    private final Preferences store;
    private final Map<String, String> groups = new HashMap<>();

    /** The assignments kept in the workspace. */
    public static BrokerGroups load() throws BackingStoreException {
        return new BrokerGroups(InstanceScope.INSTANCE.getNode(NODE));
    }

    BrokerGroups(Preferences store) throws BackingStoreException {
        this.store = store;
        for (String agentId : store.keys()) {
            groups.put(agentId, store.get(agentId, UNASSIGNED));
        }
    }

    public String groupOf(String agentId) {
        return groupOf(agentId, "");
    }

    /** The user's group for the agent, else the one it announces ({@code ""} for none), else {@link #UNASSIGNED}. */
    public String groupOf(String agentId, String announced) {
        return chosen(groups.get(agentId), announced);
    }

    /**
     * The user's choice wins, even "no group" ({@code ""}): the agent's own word is only a default.
     *
     * @param assigned the user's group for the agent; null if they never assigned one
     */
    static String chosen(String assigned, String announced) {
        if (assigned != null) {
            return assigned;
        }
        return announced.isBlank() ? UNASSIGNED : announced.strip();
    }

    /**
     * Files the agent under {@code group} and keeps it.
     *
     * @throws BackingStoreException when the workspace's preferences cannot be written (the assignment stays until the console closes)
     */
    public void assign(String agentId, String group) throws BackingStoreException {
        String name = group.strip();
        groups.put(agentId, name);
        store.put(agentId, name);
        store.flush();
    }
}
