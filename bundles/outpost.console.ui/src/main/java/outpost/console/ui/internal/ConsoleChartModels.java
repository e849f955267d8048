package outpost.console.ui.internal;

import java.time.Duration;
import java.util.List;

import outpost.charts.ChartModel;
import outpost.charts.ValueUnit;
import outpost.metrics.MetricHistory;
import outpost.metrics.MetricSample;

/**
 * What a console's charts show, without widgets: CPU (total and per core), RAM (and swap), network
 * (received and sent, loopback left out) and disk (use per file system) of one agent, filled with
 * {@link MetricSample}s from any thread, each with the step it came at. Samples are timed by the
 * agent's clock; the charts end at the console's now, so each is moved by how far the agent's
 * clock is behind the console's (an agent a minute behind would otherwise never look current).
 */
final class ConsoleChartModels {

    /** Per-core lines up to this many cores; beyond, the total alone stays readable. */
    private static final int MOST_CORE_LINES = 8;
    private static final int MOST_FILE_SYSTEMS = 6;

    private final ChartModel cpu;
    private final ChartModel ram;
    private final ChartModel network;
    private final ChartModel disk;

    /** @param liveStep how often live samples come (the series keep 24 hours of them) */
    ConsoleChartModels(Duration liveStep) {
        cpu = new ChartModel("CPU", ValueUnit.PERCENT, liveStep);
        ram = new ChartModel("RAM", ValueUnit.BYTES, liveStep);
        network = new ChartModel("Network", ValueUnit.BYTES_PER_SECOND, liveStep);
        disk = new ChartModel("Disk", ValueUnit.PERCENT, liveStep);
    }

    ChartModel cpu() {
        return cpu;
    }

    ChartModel ram() {
        return ram;
    }

    ChartModel network() {
        return network;
    }

    ChartModel disk() {
        return disk;
    }

    List<ChartModel> all() {
        return List.of(cpu, ram, network, disk);
    }

    /**
     * Records what the agent kept, oldest first: the minute means up to where the seconds begin,
     * then the seconds; the charts repaint once.
     *
     * @param clockOffsetMillis the console's clock minus the agent's
     */
    void recordHistory(MetricHistory minutes, MetricHistory seconds, long clockOffsetMillis) {
        long secondsBegin = seconds.samples().isEmpty() ? Long.MAX_VALUE : seconds.samples().get(0).time();
        for (MetricSample sample : minutes.samples()) {
            if (sample.time() < secondsBegin) {
                record(sample, clockOffsetMillis, minutes.stepSeconds() * 1000L);
            }
        }
        seconds.samples().forEach(sample -> record(sample, clockOffsetMillis, seconds.stepSeconds() * 1000L));
        changed();
    }

    /** Records one live sample and tells the charts. */
    void recordLive(MetricSample sample, long clockOffsetMillis) {
        record(sample, clockOffsetMillis, cpu.interval().toMillis());
        changed();
    }

    /** Nothing is known from this moment on (the agent stopped answering or the console disconnected). */
    void nothingFrom(long epochMillis) {
        all().forEach(model -> model.gapAt(epochMillis));
        changed();
    }

    private void record(MetricSample sample, long clockOffsetMillis, long stepMillis) {
        long time = sample.time() + clockOffsetMillis;
        if (sample.cpu() != null && sample.cpu().totalPercent() != null) {
            cpu.series("total").add(time, sample.cpu().totalPercent(), stepMillis);
            List<Double> cores = sample.cpu().perCorePercent();
            if (cores.size() <= MOST_CORE_LINES) {
                for (int core = 0; core < cores.size(); core++) {
                    cpu.series("core " + core).add(time, cores.get(core), stepMillis);
                }
            }
        }
        if (sample.ram() != null) {
            ram.setMinimumMax(sample.ram().totalBytes());
            ram.series("used").add(time, sample.ram().usedBytes(), stepMillis);
        }
        if (sample.swap() != null && sample.swap().totalBytes() > 0) {
            ram.series("swap used").add(time, sample.swap().usedBytes(), stepMillis);
        }
        recordNetwork(sample, time, stepMillis);
        if (sample.disks() != null) {
            for (MetricSample.Disk fileSystem : sample.disks()) {
                boolean shown = disk.find(fileSystem.mount()).isPresent() || disk.series().size() < MOST_FILE_SYSTEMS;
                if (shown && fileSystem.totalBytes() > 0) {
                    disk.series(fileSystem.mount()).add(time, fileSystem.usedBytes() * 100.0 / fileSystem.totalBytes(), stepMillis);
                }
            }
        }
    }

    /** The rates of all interfaces but loopback, summed: what the machine exchanges with others. */
    private void recordNetwork(MetricSample sample, long time, long stepMillis) {
        if (sample.net() == null) {
            return;
        }
        double received = 0;
        double sent = 0;
        boolean any = false;
        for (MetricSample.NetworkRate rate : sample.net()) {
            if (!rate.loopback()) {
                received += rate.rxBytesPerSecond();
                sent += rate.txBytesPerSecond();
                any = true;
            }
        }
        if (any) {
            network.series("received").add(time, received, stepMillis);
            network.series("sent").add(time, sent, stepMillis);
        }
    }


    private void changed() {
        all().forEach(ChartModel::changed);
    }
}
