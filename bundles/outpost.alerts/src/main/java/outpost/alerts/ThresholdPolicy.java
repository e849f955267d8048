package outpost.alerts;

import java.util.Map;
import java.util.Objects;

import outpost.servers.Server;

/**
 * Which thresholds apply to a server: the defaults, then its group's overrides, then its own
 * (keyed by {@link Server#endpoint()}, which stays the same when the server is renamed).
 */
public record ThresholdPolicy(Thresholds defaults, Map<String, ThresholdOverride> byGroup,
        Map<String, ThresholdOverride> byServer) {

    public ThresholdPolicy {
        Objects.requireNonNull(defaults, "defaults");
        byGroup = Map.copyOf(byGroup);
        byServer = Map.copyOf(byServer);
    }

    public static ThresholdPolicy of(Thresholds defaults) {
        return new ThresholdPolicy(defaults, Map.of(), Map.of());
    }

    public Thresholds forServer(Server server) {
        Thresholds group = byGroup.getOrDefault(server.group(), ThresholdOverride.NONE).applyTo(defaults);
        return byServer.getOrDefault(server.endpoint(), ThresholdOverride.NONE).applyTo(group);
    }
}
