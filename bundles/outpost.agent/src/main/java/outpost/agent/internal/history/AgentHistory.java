package outpost.agent.internal.history;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.internal.SystemMetrics;
import outpost.agent.internal.commands.StreamingCommand;
import outpost.metrics.Metric;
import outpost.metrics.MetricHistory;
import outpost.metrics.MetricSample;

/**
 * What the agent keeps of its metrics and streams: after each of the sampler's samples (once a
 * second while this component is active, on the sampler's one thread) it reads a whole sample,
 * keeps it in the {@link HistoryTiers} and sends it to the {@code watch} subscribers that are due.
 * Nothing is written to disk: a restart begins with an empty history (docs/METRICS.md says why).
 */
@Component(service = AgentHistory.class, immediate = true) // history is kept from the start, asked for or not
public final class AgentHistory {

    private static final Set<Metric> ALL = EnumSet.allOf(Metric.class);

    private final SystemMetrics metrics;
    private final SampleReader reader;
    private final HistoryTiers tiers = new HistoryTiers();
    private final Subscribers subscribers = new Subscribers();
    private final Runnable afterSample = this::sampled;

    @Activate
    public AgentHistory(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
        this.reader = new SampleReader(metrics, System::currentTimeMillis);
        metrics.afterEachSample(afterSample);
    }

    @Deactivate
    public void deactivate() {
        metrics.removeAfterEachSample(afterSample);
    }

    private void sampled() {
        MetricSample sample = reader.read(ALL);
        tiers.record(sample);
        subscribers.deliver(sample);
    }

    /** The sections asked for, read now (CPU and network over the sampler's last window). */
    public MetricSample now(Set<Metric> sections) {
        return reader.read(sections);
    }

    /**
     * The kept samples between two times (milliseconds since the epoch), at the resolution the range
     * calls for as seen at {@code nowMillis}: the caller's own "now", the one a "last 10 minutes"
     * range was computed from (read again here, a range that began exactly 10 minutes ago would fall
     * to the minute tier a few milliseconds later).
     */
    public MetricHistory range(long fromMillis, long toMillis, long nowMillis) {
        return tiers.range(fromMillis, toMillis, nowMillis);
    }

    /** Streams the sections asked for every {@code interval} until the subscription is closed. */
    public StreamingCommand.Subscription subscribe(Duration interval, Set<Metric> sections, StreamingCommand.StreamOutput output) {
        return subscribers.add(interval, sections, output);
    }

    /** How many {@code watch} subscriptions are running. */
    public int subscriptions() {
        return subscribers.count();
    }

    /** How many samples were dropped, over all running subscriptions, for clients that did not keep up. */
    public long droppedSamples() {
        return java.util.Arrays.stream(subscribers.dropped()).sum();
    }

    /** The memory the history's rings take now, and at most. */
    public long memoryBytes() {
        return tiers.memoryBytes();
    }

    public long maxMemoryBytes() {
        return tiers.maxMemoryBytes();
    }
}
