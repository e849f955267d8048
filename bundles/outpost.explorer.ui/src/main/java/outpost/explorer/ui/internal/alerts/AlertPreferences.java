package outpost.explorer.ui.internal.alerts;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IPreferencesService;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

import outpost.alerts.ThresholdOverride;
import outpost.alerts.ThresholdPolicy;
import outpost.alerts.Thresholds;

/**
 * The alert thresholds in the preferences: the defaults as plain keys (edited on the Alerts
 * preference page), the overrides of groups and servers as one JSON value each (edited from the
 * Server Explorer's context menu).
 */
public final class AlertPreferences {

    public static final String NODE = "outpost.explorer.ui";

    public static final String CPU_PERCENT = "alerts.cpuPercent";
    public static final String CPU_MINUTES = "alerts.cpuMinutes";
    public static final String RAM_PERCENT = "alerts.ramPercent";
    public static final String DISK_PERCENT = "alerts.diskPercent";
    public static final String UNREACHABLE_SECONDS = "alerts.unreachableSeconds";
    public static final String NOTIFY = "alerts.notify";
    static final String GROUP_OVERRIDES = "alerts.groupOverrides";
    static final String SERVER_OVERRIDES = "alerts.serverOverrides";

    private static final Gson GSON = new Gson();
    private static final Type OVERRIDES = new TypeToken<Map<String, ThresholdOverride>>() {
    }.getType();

    private AlertPreferences() {
    }

    /** The thresholds in effect now; the built-in defaults outside a running platform. */
    public static ThresholdPolicy policy() {
        IPreferencesService service = Platform.getPreferencesService();
        if (service == null) {
            return ThresholdPolicy.of(Thresholds.DEFAULTS);
        }
        Thresholds d = Thresholds.DEFAULTS;
        Thresholds defaults;
        try {
            defaults = new Thresholds(
                    service.getInt(NODE, CPU_PERCENT, (int) d.cpuPercent(), null),
                    Duration.ofMinutes(service.getInt(NODE, CPU_MINUTES, (int) d.cpuFor().toMinutes(), null)),
                    service.getInt(NODE, RAM_PERCENT, (int) d.ramPercent(), null),
                    service.getInt(NODE, DISK_PERCENT, (int) d.diskPercent(), null),
                    Duration.ofSeconds(service.getInt(NODE, UNREACHABLE_SECONDS, (int) d.unreachableFor().toSeconds(), null)));
        } catch (IllegalArgumentException e) {
            defaults = d; // the page validates; a hand-edited preference file may not
        }
        return new ThresholdPolicy(defaults, overrides(service.getString(NODE, GROUP_OVERRIDES, "{}", null)),
                overrides(service.getString(NODE, SERVER_OVERRIDES, "{}", null)));
    }

    public static boolean notifications() {
        IPreferencesService service = Platform.getPreferencesService();
        return service == null || service.getBoolean(NODE, NOTIFY, true, null);
    }

    /** Sets (or with an empty override removes) a group's overrides. */
    public static void setGroupOverride(String group, ThresholdOverride override) throws BackingStoreException {
        put(GROUP_OVERRIDES, group, override);
    }

    /** Sets (or with an empty override removes) a server's overrides, keyed by its endpoint. */
    public static void setServerOverride(String endpoint, ThresholdOverride override) throws BackingStoreException {
        put(SERVER_OVERRIDES, endpoint, override);
    }

    private static void put(String key, String name, ThresholdOverride override) throws BackingStoreException {
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(NODE);
        Map<String, ThresholdOverride> all = new HashMap<>(overrides(node.get(key, "{}")));
        if (override.isEmpty()) {
            all.remove(name);
        } else {
            all.put(name, override);
        }
        node.put(key, GSON.toJson(all, OVERRIDES));
        node.flush();
    }

    private static Map<String, ThresholdOverride> overrides(String json) {
        try {
            Map<String, ThresholdOverride> map = GSON.fromJson(json, OVERRIDES);
            return map == null ? Map.of() : map;
        } catch (JsonParseException e) {
            return Map.of();
        }
    }
}
