package outpost.charts.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

import outpost.charts.ChartModel;
import outpost.charts.ChartRange;
import outpost.charts.DrawnChart;
import outpost.charts.TimeSeries;

/**
 * Paints one chart from copies of its series taken at the start of the paint: title and legend on
 * top, value ticks on the left, time ticks below, the lines broken at gaps, and the vertical hover
 * line with the values under it. Reads memory only (no I/O), so a paint never waits.
 */
public final class ChartPainter {

    /** Line colours, told apart also by people with the common colour-vision deficiencies (Tableau 10). */
    private static final RGB[] PALETTE = { new RGB(31, 119, 180), new RGB(255, 127, 14), new RGB(44, 160, 44),
            new RGB(214, 39, 40), new RGB(148, 103, 189), new RGB(140, 86, 75), new RGB(227, 119, 194),
            new RGB(127, 127, 127), new RGB(188, 189, 34), new RGB(23, 190, 207) };
    private static final int PAD = 4;
    private static final int SWATCH = 10;

    private final Display display;
    private final ZoneId zone;

    public ChartPainter(Display display, ZoneId zone) {
        this.display = display;
        this.zone = zone;
    }

    public static RGB color(int seriesIndex) {
        return PALETTE[seriesIndex % PALETTE.length];
    }

    /** Paints the chart into {@code area} as of {@code now}; {@code hoverX} is the pointer's column or -1. */
    public DrawnChart paint(GC gc, Rectangle area, ChartModel model, ChartRange range, long now, int hoverX) {
        gc.setAntialias(SWT.ON);
        gc.setBackground(display.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        Color text = display.getSystemColor(SWT.COLOR_LIST_FOREGROUND);
        gc.setForeground(text);
        int lineHeight = gc.getFontMetrics().getHeight();

        List<TimeSeries> series = model.series();
        long start = now - range.span().toMillis();
        List<TimeSeries.Samples> samples = new ArrayList<>();
        double highest = Double.NaN;
        for (TimeSeries each : series) {
            TimeSeries.Samples window = each.between(start, now);
            samples.add(window);
            for (int i = 0; i < window.count(); i++) {
                if (!(window.values()[i] <= highest)) {
                    highest = Double.isNaN(window.values()[i]) ? highest : window.values()[i];
                }
            }
        }

        List<String> legend = Legend.entries(model, series, now);
        int top = area.y + PAD + drawTitleAndLegend(gc, area, model.title(), legend, lineHeight) + PAD;
        int bottom = area.y + area.height - PAD - lineHeight - 2;
        int plotHeight = Math.max(10, bottom - top);
        ValueScale scale = ValueScale.withCeiling(model.unit(), highest, model.minimumMax(),
                Math.max(1, plotHeight / (lineHeight * 2)));
        List<String> valueLabels = scale.ticks().stream().map(scale::label).toList();
        int labelWidth = valueLabels.stream().mapToInt(label -> gc.textExtent(label).x).max().orElse(0);
        int left = area.x + PAD + labelWidth + 4;
        int plotWidth = Math.max(10, area.x + area.width - PAD - left);
        Rectangle plot = new Rectangle(left, top, plotWidth, plotHeight);

        TimeAxis axis = new TimeAxis(now, range.span(), plot.x, plot.width, zone);
        List<String> timeLabels = drawAxes(gc, plot, scale, axis, valueLabels, lineHeight);

        Rectangle clip = gc.getClipping();
        gc.setClipping(plot);
        for (int i = 0; i < series.size(); i++) {
            drawSeries(gc, plot, axis, scale, samples.get(i), i);
        }
        gc.setClipping(clip);
        gc.setForeground(text);

        Optional<String> message = message(samples, series);
        message.ifPresent(words -> {
            Point size = gc.textExtent(words);
            gc.drawText(words, plot.x + (plot.width - size.x) / 2, plot.y + (plot.height - size.y) / 2, true);
        });
        Optional<String> hover = Optional.empty();
        if (hoverX >= plot.x && hoverX < plot.x + plot.width && !series.isEmpty()) {
            hover = Optional.of(drawHover(gc, area, plot, axis, scale, model, series, samples, hoverX, lineHeight));
        }
        return new DrawnChart(model.title(), legend, timeLabels, valueLabels, hover, message);
    }

    /** Draws the title and the legend entries flowing after it; returns the height used. */
    private int drawTitleAndLegend(GC gc, Rectangle area, String title, List<String> legend, int lineHeight) {
        int x = area.x + PAD;
        int y = area.y + PAD;
        gc.drawText(title, x, y, true);
        x += gc.textExtent(title).x + 12;
        int right = area.x + area.width - PAD;
        for (int i = 0; i < legend.size(); i++) {
            int width = SWATCH + 4 + gc.textExtent(legend.get(i)).x + 12;
            if (x + width > right && x > area.x + PAD) {
                x = area.x + PAD;
                y += lineHeight;
            }
            gc.setBackground(new Color(color(i)));
            gc.fillRectangle(x, y + lineHeight / 2 - 2, SWATCH, 4);
            gc.drawText(legend.get(i), x + SWATCH + 4, y, true);
            x += width;
        }
        return y - area.y - PAD + lineHeight;
    }

    private List<String> drawAxes(GC gc, Rectangle plot, ValueScale scale, TimeAxis axis, List<String> valueLabels,
            int lineHeight) {
        Color grid = display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW);
        Color text = display.getSystemColor(SWT.COLOR_LIST_FOREGROUND);
        List<Double> ticks = scale.ticks();
        for (int i = 0; i < ticks.size(); i++) {
            int y = scale.toPixel(ticks.get(i), plot.y, plot.height);
            gc.setForeground(grid);
            gc.setLineStyle(i == 0 ? SWT.LINE_SOLID : SWT.LINE_DOT);
            gc.drawLine(plot.x, y, plot.x + plot.width - 1, y);
            gc.setForeground(text);
            Point size = gc.textExtent(valueLabels.get(i));
            gc.drawText(valueLabels.get(i), plot.x - 4 - size.x, Math.max(plot.y - lineHeight / 2, y - size.y / 2), true);
        }
        Duration step = TimeAxis.step(axis.end() - axis.start() > 0 ? Duration.ofMillis(axis.end() - axis.start()) : Duration.ofMinutes(1),
                axis.maxTicks(gc.textExtent("00:00:00").x));
        List<String> labels = new ArrayList<>();
        for (long tick : axis.ticks(step)) {
            int x = axis.toPixel(tick);
            String label = axis.label(tick, step);
            Point size = gc.textExtent(label);
            gc.setForeground(grid);
            gc.setLineStyle(SWT.LINE_DOT);
            gc.drawLine(x, plot.y, x, plot.y + plot.height - 1);
            gc.setForeground(text);
            int labelX = Math.min(plot.x + plot.width - size.x, Math.max(plot.x - size.x / 2, x - size.x / 2));
            gc.drawText(label, labelX, plot.y + plot.height + 2, true);
            labels.add(label);
        }
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setForeground(grid);
        gc.drawLine(plot.x, plot.y, plot.x, plot.y + plot.height - 1);
        return labels;
    }

    /**
     * Draws each unbroken run of samples as one polyline; many samples in one pixel column become
     * that column's first, lowest, highest and last points, so 24 hours cost as much as the width.
     */
    private static void drawSeries(GC gc, Rectangle plot, TimeAxis axis, ValueScale scale, TimeSeries.Samples samples,
            int index) {
        gc.setForeground(new Color(color(index)));
        gc.setBackground(new Color(color(index)));
        gc.setLineWidth(index == 0 ? 2 : 1);
        for (Segments.Segment segment : Segments.split(samples)) {
            if (segment.size() == 1) {
                int x = axis.toPixel(samples.times()[segment.from()]);
                int y = scale.toPixel(samples.values()[segment.from()], plot.y, plot.height);
                gc.fillRectangle(x - 1, y - 1, 3, 3); // a lone sample between gaps
                continue;
            }
            gc.drawPolyline(polyline(samples, segment, axis, scale, plot));
        }
        gc.setLineWidth(1);
    }

    private static int[] polyline(TimeSeries.Samples samples, Segments.Segment segment, TimeAxis axis, ValueScale scale,
            Rectangle plot) {
        int[] xs = new int[segment.size()];
        int[] ys = new int[segment.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = axis.toPixel(samples.times()[segment.from() + i]);
            ys[i] = scale.toPixel(samples.values()[segment.from() + i], plot.y, plot.height);
        }
        return ColumnPolyline.points(xs, ys);
    }

    private static Optional<String> message(List<TimeSeries.Samples> samples, List<TimeSeries> series) {
        if (series.stream().noneMatch(TimeSeries::hasValues)) {
            return Optional.of("No data yet");
        }
        boolean anyShown = samples.stream().anyMatch(window -> {
            for (int i = 0; i < window.count(); i++) {
                if (!Double.isNaN(window.values()[i])) {
                    return true;
                }
            }
            return false;
        });
        return anyShown ? Optional.empty() : Optional.of("No data in this range");
    }

    /** Draws the vertical line at the pointer and a box with the time and each series' value; returns the box's text. */
    private String drawHover(GC gc, Rectangle area, Rectangle plot, TimeAxis axis, ValueScale scale, ChartModel model,
            List<TimeSeries> series, List<TimeSeries.Samples> samples, int hoverX, int lineHeight) {
        long time = axis.toTime(hoverX);
        List<HoverReadout.Reading> readings = HoverReadout.at(time, model, series, samples);
        gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawLine(hoverX, plot.y, hoverX, plot.y + plot.height - 1);
        for (int i = 0; i < readings.size(); i++) {
            double value = HoverReadout.valueAt(time, samples.get(i));
            if (!Double.isNaN(value)) {
                gc.setBackground(new Color(color(i)));
                int y = scale.toPixel(value, plot.y, plot.height);
                gc.fillOval(hoverX - 3, y - 3, 7, 7);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(axis.exactLabel(time));
        readings.forEach(reading -> lines.add(reading.toString()));
        int width = lines.stream().mapToInt(line -> gc.textExtent(line).x).max().orElse(0) + SWATCH + 12;
        int height = lines.size() * lineHeight + 6;
        int x = hoverX + 8 + width <= plot.x + plot.width ? hoverX + 8 : Math.max(plot.x, hoverX - 8 - width);
        // in a low chart the box may cover the legend or the time axis, but it is never cut off
        int y = Math.max(area.y, Math.min(plot.y + 2, area.y + area.height - height - 1));
        gc.setBackground(display.getSystemColor(SWT.COLOR_INFO_BACKGROUND));
        gc.fillRectangle(x, y, width, height);
        gc.setForeground(display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(x, y, width, height);
        gc.setForeground(display.getSystemColor(SWT.COLOR_INFO_FOREGROUND));
        gc.drawText(lines.get(0), x + 4, y + 3, true);
        for (int i = 1; i < lines.size(); i++) {
            gc.setBackground(new Color(color(i - 1)));
            gc.fillRectangle(x + 4, y + 3 + i * lineHeight + lineHeight / 2 - 2, SWATCH, 4);
            gc.drawText(lines.get(i), x + 4 + SWATCH + 4, y + 3 + i * lineHeight, true);
        }
        return String.join("\n", lines);
    }
}
