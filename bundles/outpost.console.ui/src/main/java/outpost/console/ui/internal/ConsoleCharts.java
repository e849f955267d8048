package outpost.console.ui.internal;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import outpost.charts.ChartModel;
import outpost.charts.ChartRange;
import outpost.charts.RangeSelector;
import outpost.charts.TimeSeriesChart;

/**
 * A console's charts, stacked beside the transcript: CPU (total and per core), RAM (and swap),
 * network (received and sent) and disk (use per file system), over a range the user picks; they
 * show the {@link ConsoleChartModels} that the console's {@link MetricFeed} fills.
 */
final class ConsoleCharts {

    private final Composite panel;
    private final List<TimeSeriesChart> charts;

    ConsoleCharts(Composite parent, ConsoleChartModels models) {
        panel = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 4).applyTo(panel);
        RangeSelector selector = new RangeSelector(panel, ChartRange.LAST_10_MINUTES, this::show);
        for (ChartRange range : ChartRange.values()) {
            selector.button(range).setData(ConsoleEditor.WIDGET_ID, "console.chart.range." + range.name());
        }
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(selector.control());
        charts = List.of(chart(models.cpu(), "cpu"), chart(models.ram(), "ram"), chart(models.network(), "network"),
                chart(models.disk(), "disk"));
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
}
