package outpost.explorer.ui.internal.live;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What the live columns show for one monitored server.
 *
 * @param cpuPercent total CPU load, empty when the agent's answer could not be read
 * @param ramPercent RAM in use, empty when the agent's answer could not be read
 * @param latency    round trip of the last sample request, null before the first one
 * @param reason     why the server is not online (the connect error), null otherwise
 */
public record LiveState(LiveStatus status, OptionalDouble cpuPercent, OptionalDouble ramPercent, Duration latency,
        String reason) {

    public static LiveState connecting() {
        return new LiveState(LiveStatus.CONNECTING, OptionalDouble.empty(), OptionalDouble.empty(), null, null);
    }

    public static LiveState failed(LiveStatus status, String reason) {
        return new LiveState(status, OptionalDouble.empty(), OptionalDouble.empty(), null, reason);
    }

    public static LiveState online(OptionalDouble cpu, OptionalDouble ram, Duration latency) {
        return new LiveState(LiveStatus.ONLINE, cpu, ram, latency, null);
    }

    /** "12.5 %", "?" when online but the answer was unreadable, "" when not online. */
    public String cpuText() {
        return percentText(cpuPercent);
    }

    public String ramText() {
        return percentText(ramPercent);
    }

    /** "3.2 ms", "?" when online but not measured yet, "" when not online. */
    public String latencyText() {
        if (status != LiveStatus.ONLINE) {
            return "";
        }
        return latency == null ? "?" : String.format(Locale.ROOT, "%.1f ms", latency.toNanos() / 1e6);
    }

    private String percentText(OptionalDouble value) {
        if (status != LiveStatus.ONLINE) {
            return "";
        }
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f %%", value.getAsDouble()) : "?";
    }
}
