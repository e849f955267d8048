package outpost.agent.internal.history;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import outpost.agent.internal.commands.StreamingCommand;
import outpost.metrics.Metric;
import outpost.metrics.MetricJson;
import outpost.metrics.MetricSample;

/**
 * The running {@code watch} subscriptions, served from the sampler's thread after each sample: a
 * subscriber whose interval has come gets the sample as one JSON line. A subscriber whose
 * connection is behind (its queue full) is skipped for that sample: samples are dropped, never
 * queued, so a slow client costs the agent no memory and gets the newest sample once it catches up.
 */
final class Subscribers {

    /** A sample within this much of a subscriber's due time is sent (the sampler's period drifts by milliseconds). */
    private static final long TOLERANCE_MILLIS = 500;
    private static final long UNSET = Long.MIN_VALUE;

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    /** Subscribes; the first sample goes out with the next one the sampler takes. */
    StreamingCommand.Subscription add(Duration interval, Set<Metric> metrics, StreamingCommand.StreamOutput output) {
        Subscriber subscriber = new Subscriber(interval.toMillis(), Set.copyOf(metrics), output);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    int count() {
        return subscribers.size();
    }

    /** Sends the sample to every subscriber that is due and keeps up; each distinct choice of metrics is written once. */
    void deliver(MetricSample sample) {
        Map<Set<Metric>, String> lines = new HashMap<>();
        for (Subscriber subscriber : subscribers) {
            long time = sample.time();
            if (subscriber.nextDue != UNSET && time < subscriber.nextDue - TOLERANCE_MILLIS) {
                continue;
            }
            // on a grid of intervals, so that samples a busy machine delivers late and bunched are still
            // sent; after a longer stall the grid starts again from this sample
            long next = (subscriber.nextDue == UNSET ? time : subscriber.nextDue) + subscriber.intervalMillis;
            subscriber.nextDue = next > time ? next : time + subscriber.intervalMillis;
            if (!subscriber.output.peerKeepsUp()) {
                subscriber.dropped++;
                continue;
            }
            subscriber.output.send(lines.computeIfAbsent(subscriber.metrics, metrics -> MetricJson.toJson(sample.only(metrics)) + "\n"));
        }
    }

    /** How many samples were dropped for subscribers that did not keep up, per subscriber, in order. */
    long[] dropped() {
        return subscribers.stream().mapToLong(subscriber -> subscriber.dropped).toArray();
    }

    private static final class Subscriber {
        final long intervalMillis;
        final Set<Metric> metrics;
        final StreamingCommand.StreamOutput output;
        long nextDue = UNSET; // only the sampler thread touches these two
        long dropped;

        Subscriber(long intervalMillis, Set<Metric> metrics, StreamingCommand.StreamOutput output) {
            this.intervalMillis = intervalMillis;
            this.metrics = metrics;
            this.output = output;
        }
    }
}
