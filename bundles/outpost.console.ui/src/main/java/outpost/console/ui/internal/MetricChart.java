package outpost.console.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * A small line chart of CPU (blue) and RAM (green) use in percent over the samples of a
 * {@link MetricHistory}, newest at the right; the latest values are written in the corner.
 */
final class MetricChart {

    private final Canvas canvas;
    private final MetricHistory history;

    MetricChart(Composite parent, MetricHistory history) {
        this.history = history;
        this.canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.BORDER);
        canvas.addListener(SWT.Paint, this::paint);
    }

    Canvas control() {
        return canvas;
    }

    void refresh() {
        if (!canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    private void paint(Event event) {
        GC gc = event.gc;
        Rectangle area = canvas.getClientArea();
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
        for (int percent = 25; percent < 100; percent += 25) {
            int y = area.y + area.height - 1 - percent * (area.height - 1) / 100;
            gc.drawLine(area.x, y, area.x + area.width, y);
        }
        MetricHistory.Sample[] samples = history.samples();
        drawLine(gc, area, samples, true, SWT.COLOR_BLUE);
        drawLine(gc, area, samples, false, SWT.COLOR_DARK_GREEN);
        MetricHistory.Sample latest = history.latest();
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        gc.drawText(latest == null ? "CPU / RAM: waiting for samples"
                : String.format("CPU %s   RAM %s", percent(latest.cpu()), percent(latest.ram())), area.x + 4, area.y + 2,
                true);
    }

    private void drawLine(GC gc, Rectangle area, MetricHistory.Sample[] samples, boolean cpu, int colorId) {
        gc.setForeground(canvas.getDisplay().getSystemColor(colorId));
        gc.setLineWidth(2);
        int slots = history.capacity() - 1;
        int offset = history.capacity() - samples.length; // fewer samples than slots: they start further right
        Integer lastX = null;
        Integer lastY = null;
        for (int i = 0; i < samples.length; i++) {
            double value = cpu ? samples[i].cpu() : samples[i].ram();
            if (Double.isNaN(value)) {
                lastX = null;
                continue;
            }
            int x = area.x + (offset + i) * (area.width - 1) / slots;
            int y = area.y + area.height - 1 - (int) Math.round(Math.min(100, Math.max(0, value)) * (area.height - 1) / 100);
            if (lastX != null) {
                gc.drawLine(lastX, lastY, x, y);
            } else {
                gc.drawPoint(x, y);
            }
            lastX = x;
            lastY = y;
        }
        gc.setLineWidth(1);
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? "n/a" : String.format("%.1f %%", value);
    }
}
