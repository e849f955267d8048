package outpost.charts;

import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;

import outpost.charts.internal.ChartPainter;

/**
 * A line chart of a {@link ChartModel} over a {@link ChartRange} ending now: time axis, value axis
 * with units, legend with the latest values, gaps where samples are missing, and the values under
 * the pointer. Repaints when the model says it changed (from any thread; at most one repaint is
 * pending) and as time passes, so a line stops where the samples stopped.
 */
public final class TimeSeriesChart {

    private static final String DATA_KEY = TimeSeriesChart.class.getName();

    private final Canvas canvas;
    private final Display display;
    private final ChartModel model;
    private final ChartPainter painter;
    private final AtomicBoolean repaintPending = new AtomicBoolean();
    private final Runnable modelListener = this::refresh;
    private final Runnable timeTick = this::timePassed;
    private ChartRange range = ChartRange.LAST_10_MINUTES;
    private int hoverX = -1;
    private volatile DrawnChart drawn = DrawnChart.NONE;

    public TimeSeriesChart(Composite parent, ChartModel model) {
        this.model = model;
        this.canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        this.display = canvas.getDisplay();
        this.painter = new ChartPainter(display, ZoneId.systemDefault());
        canvas.setData(DATA_KEY, this);
        canvas.addListener(SWT.Paint, this::paint);
        canvas.addListener(SWT.Resize, event -> canvas.redraw());
        canvas.addListener(SWT.MouseMove, this::pointerMoved);
        // GTK reports a pointer that comes in and stops as an Enter alone, with its position
        canvas.addListener(SWT.MouseEnter, this::pointerMoved);
        canvas.addListener(SWT.MouseExit, event -> pointerMoved(null));
        canvas.addListener(SWT.Dispose, event -> {
            model.removeChangeListener(modelListener);
            display.timerExec(-1, timeTick);
        });
        model.addChangeListener(modelListener);
        scheduleTimeTick();
    }

    /** The chart on a control, if the control is one ({@link #control()}). */
    public static Optional<TimeSeriesChart> of(Control control) {
        return control.getData(DATA_KEY) instanceof TimeSeriesChart chart ? Optional.of(chart) : Optional.empty();
    }

    public Control control() {
        return canvas;
    }

    public ChartModel model() {
        return model;
    }

    public ChartRange range() {
        return range;
    }

    /** Shows another span of time (UI thread). */
    public void setRange(ChartRange range) {
        this.range = range;
        display.timerExec(-1, timeTick);
        scheduleTimeTick();
        canvas.redraw();
    }

    /** What the last paint showed. */
    public DrawnChart drawn() {
        return drawn;
    }

    /** Asks for a repaint, from any thread; one is pending at most, however often this is called. */
    public void refresh() {
        if (!repaintPending.compareAndSet(false, true)) {
            return;
        }
        try {
            display.asyncExec(() -> {
                repaintPending.set(false);
                if (!canvas.isDisposed()) {
                    canvas.redraw();
                }
            });
        } catch (SWTException e) {
            // the display is gone (the application is closing): nothing left to repaint
        }
    }

    private void paint(Event event) {
        drawn = painter.paint(event.gc, canvas.getClientArea(), model, range, System.currentTimeMillis(), hoverX);
    }

    private void pointerMoved(Event event) {
        hoverX = event == null ? -1 : event.x;
        canvas.redraw();
    }

    /** The time axis moves by a pixel every span/width: repaint about that often while visible. */
    private void timePassed() {
        if (canvas.isDisposed()) {
            return;
        }
        if (canvas.isVisible()) {
            canvas.redraw();
        }
        scheduleTimeTick();
    }

    private void scheduleTimeTick() {
        int width = Math.max(100, canvas.getSize().x);
        display.timerExec((int) Math.max(1000, range.span().toMillis() / width), timeTick);
    }
}
