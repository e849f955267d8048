package outpost.explorer.ui.internal.live;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the live columns, the dashboard and the alerts know of one monitored server.
 *
 * @param figures what the agent's last answer said ({@link AgentAnswers.Figures#NONE} when it could not be read)
 * @param latency round trip of the last sample request, null before the first one
 * @param reason  why the server is not online (the connect error), null otherwise
 */
public record LiveState(LiveStatus status, AgentAnswers.Figures figures, Duration latency, String reason) {

    /** The fullest file system: its mount point and use in percent. */
    public record FullestDisk(String mount, double percent) {
    }

    public static LiveState connecting() {
        return new LiveState(LiveStatus.CONNECTING, AgentAnswers.Figures.NONE, null, null);
    }

    public static LiveState failed(LiveStatus status, String reason) {
        return new LiveState(status, AgentAnswers.Figures.NONE, null, reason);
    }

    public static LiveState online(AgentAnswers.Figures figures, Duration latency) {
        return new LiveState(LiveStatus.ONLINE, figures, latency, null);
    }

    /** Online at the broker, with the figures of its last published sample (or none). */
    public static LiveState announced(AgentAnswers.Figures figures) {
        return new LiveState(LiveStatus.ANNOUNCED, figures, null, null);
    }

    public OptionalDouble cpuPercent() {
        return figures.cpu();
    }

    public OptionalDouble ramPercent() {
        return figures.ram();
    }

    public Map<String, Double> diskPercents() {
        return figures.diskPercents();
    }

    public Optional<FullestDisk> fullestDisk() {
        return figures.diskPercents().entrySet().stream().max(Map.Entry.comparingByValue())
                .map(entry -> new FullestDisk(entry.getKey(), entry.getValue()));
    }

    public OptionalDouble networkBytesPerSecond() {
        return figures.networkBytesPerSecond();
    }

    /**
     * "12.5 %", "?" when online but the answer was unreadable, "" when not online or announced by
     * the broker without a sample.
     */
    public String cpuText() {
        return percentText(cpuPercent());
    }

    public String ramText() {
        return percentText(ramPercent());
    }

    /** "3.2 ms", "?" when online but not measured yet, "" when not online. */
    public String latencyText() {
        if (status != LiveStatus.ONLINE) {
            return "";
        }
        return latency == null ? "?" : String.format(Locale.ROOT, "%.1f ms", latency.toNanos() / 1e6);
    }

    private String percentText(OptionalDouble value) {
        if (!status.online()) {
            return "";
        }
        if (value.isPresent()) {
            return String.format(Locale.ROOT, "%.1f %%", value.getAsDouble());
        }
        return status == LiveStatus.ONLINE ? "?" : "";
    }
}
