package outpost.console.ui.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import outpost.charts.ChartModel;
import outpost.charts.ChartRange;
import outpost.charts.RangeSelector;
import outpost.charts.TimeSeriesChart;
import outpost.charts.ValueUnit;

/**
 * A console's charts, stacked beside the transcript: CPU (total and per core), RAM (and swap),
 * network (received and sent) and disk (use per file system), over a range the user picks. Fed
 * with {@link MetricSample}s from any thread; told when the agent went away, so lines stop there.
 */
final class ConsoleCharts {

    /** Per-core lines up to this many cores; beyond, the total alone stays readable. */
    private static final int MOST_CORE_LINES = 8;

    private final Composite panel;
    private final ChartModel cpu;
    private final ChartModel ram;
    private final ChartModel network;
    private final ChartModel disk;
    private final List<TimeSeriesChart> charts;

    ConsoleCharts(Composite parent, Duration interval) {
        cpu = new ChartModel("CPU", ValueUnit.PERCENT, interval);
        ram = new ChartModel("RAM", ValueUnit.BYTES, interval);
        network = new ChartModel("Network", ValueUnit.BYTES_PER_SECOND, interval);
        disk = new ChartModel("Disk", ValueUnit.PERCENT, interval);
        panel = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 4).applyTo(panel);
        RangeSelector selector = new RangeSelector(panel, ChartRange.LAST_10_MINUTES, this::show);
        for (ChartRange range : ChartRange.values()) {
            selector.button(range).setData(ConsoleEditor.WIDGET_ID, "console.chart.range." + range.name());
        }
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(selector.control());
        charts = List.of(chart(cpu, "cpu"), chart(ram, "ram"), chart(network, "network"), chart(disk, "disk"));
    }

    private TimeSeriesChart chart(ChartModel model, String id) {
        TimeSeriesChart chart = new TimeSeriesChart(panel, model);
        chart.control().setData(ConsoleEditor.WIDGET_ID, "console.chart." + id);
        GridDataFactory.fillDefaults().grab(true, true).minSize(SWT.DEFAULT, 90).applyTo(chart.control());
        return chart;
    }

    Control control() {
        return panel;
    }

    private void show(ChartRange range) {
        charts.forEach(chart -> chart.setRange(range));
    }

    /** Records one reading (any thread). */
    void record(MetricSample sample) {
        long time = sample.epochMillis();
        cpu.series("total").add(time, sample.cpuPercent());
        double[] cores = sample.corePercents();
        if (cores.length <= MOST_CORE_LINES) {
            for (int core = 0; core < cores.length; core++) {
                cpu.series("core " + core).add(time, cores[core]);
            }
        }
        ram.setMinimumMax(sample.ramTotalBytes());
        ram.series("used").add(time, sample.ramUsedBytes());
        if (sample.swapTotalBytes() > 0) {
            ram.series("swap used").add(time, sample.swapUsedBytes());
        }
        network.series("received").add(time, sample.rxBytesPerSecond());
        network.series("sent").add(time, sample.txBytesPerSecond());
        for (Map.Entry<String, Double> fileSystem : sample.diskPercents().entrySet()) {
            disk.series(fileSystem.getKey()).add(time, fileSystem.getValue());
        }
        models().forEach(ChartModel::changed);
    }

    /** Nothing is known from this moment on (the agent stopped answering or the console disconnected). */
    void nothingFrom(long epochMillis) {
        models().forEach(model -> {
            model.gapAt(epochMillis);
            model.changed();
        });
    }

    private List<ChartModel> models() {
        return List.of(cpu, ram, network, disk);
    }
}
