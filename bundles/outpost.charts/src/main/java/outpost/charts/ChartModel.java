package outpost.charts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one chart shows: a title, the unit of its values, its series (in the order they were first
 * named), and how often live samples come. Samples of other steps (the agent's history: a minute,
 * a second) say their step as they are added, and each line bridges pauses by its samples' own
 * steps ({@link TimeSeries#bridgeMillis}). The caller fills it from any thread and then calls
 * {@link #changed()}; charts showing it repaint, coalesced. Series keep 24 hours of live samples
 * (allocated as they fill), room enough for the coarser history before them.
 */
public final class ChartModel {

    private static final Duration KEPT = Duration.ofHours(24);

    private final String title;
    private final ValueUnit unit;
    private final Duration interval;
    private final List<TimeSeries> series = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile double minimumMax = Double.NaN;

    public ChartModel(String title, ValueUnit unit, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the sampling interval must be positive: " + interval);
        }
        this.title = title;
        this.unit = unit;
        this.interval = interval;
    }

    public String title() {
        return title;
    }

    public ValueUnit unit() {
        return unit;
    }

    /** The step of live samples, and of samples added without a step. */
    public Duration interval() {
        return interval;
    }

    /** The series of that name, created (after the others) if new. */
    public synchronized TimeSeries series(String name) {
        Optional<TimeSeries> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        TimeSeries created = new TimeSeries(name, (int) Math.max(2, KEPT.toMillis() / interval.toMillis()), interval.toMillis());
        series.add(created);
        return created;
    }

    public Optional<TimeSeries> find(String name) {
        return series.stream().filter(each -> each.name().equals(name)).findFirst();
    }

    /** The series, in the order they were first named. */
    public List<TimeSeries> series() {
        return new ArrayList<>(series);
    }

    /** Marks a gap in every series: nothing is known from this moment on (the agent is gone). */
    public void gapAt(long epochMillis) {
        series.forEach(each -> each.addGap(epochMillis));
    }

    /**
     * The value axis reaches at least this high even when the values stay lower (e.g. the RAM
     * installed, so that the chart shows how full it is); NaN for none.
     */
    public void setMinimumMax(double value) {
        minimumMax = value;
    }

    public double minimumMax() {
        return minimumMax;
    }

    /** Tells the charts that show this model to repaint (any thread; repaints are coalesced). */
    public void changed() {
        listeners.forEach(Runnable::run);
    }

    public void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeChangeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return title + " " + series;
    }
}
