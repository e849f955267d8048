package outpost.charts.internal;

import java.util.ArrayList;
import java.util.List;

import outpost.charts.ValueUnit;

/**
 * The value axis: from 0 to a rounded maximum in "nice" steps (1, 2 or 5 times a power of ten, of
 * the unit's binary prefix for bytes), its tick labels, and the mapping between values and pixels.
 */
public final class ValueScale {

    private final ValueUnit unit;
    private final double max;
    private final double step;
    private final int power;

    private ValueScale(ValueUnit unit, double max, double step, int power) {
        this.unit = unit;
        this.max = max;
        this.step = step;
        this.power = power;
    }

    /**
     * The scale for values up to {@code highest} with at most {@code maxTicks} steps above zero.
     * Percentages always span 0-100; an empty or all-zero chart of bytes spans 1 KiB.
     */
    public static ValueScale of(ValueUnit unit, double highest, int maxTicks) {
        int ticks = Math.max(1, maxTicks);
        if (unit == ValueUnit.PERCENT) {
            double top = Double.isNaN(highest) || highest <= 100 ? 100 : highest;
            double step = niceStep(top / ticks);
            return new ValueScale(unit, Math.ceil(top / step - 1e-9) * step, step, 0);
        }
        double top = Double.isNaN(highest) || highest <= 0 ? 1024 : highest;
        int power = UnitFormat.binaryPower(top);
        double unitSize = Math.pow(1024, power);
        double scaledStep = niceStep(top / unitSize / ticks);
        double scaledMax = Math.ceil(top / unitSize / scaledStep - 1e-9) * scaledStep;
        return new ValueScale(unit, scaledMax * unitSize, scaledStep * unitSize, power);
    }

    /**
     * The scale for values up to {@code highest} on an axis whose top is a known ceiling (the RAM
     * installed): the top is that ceiling, exactly, while the ticks under it keep nice steps. When
     * a value is above it, or for percentages, this is {@link #of}.
     */
    public static ValueScale withCeiling(ValueUnit unit, double highest, double ceiling, int maxTicks) {
        if (unit == ValueUnit.PERCENT || !(ceiling > 0) || highest > ceiling) {
            return of(unit, Double.isNaN(ceiling) ? highest : Math.max(ceiling, Double.isNaN(highest) ? 0 : highest), maxTicks);
        }
        ValueScale nice = of(unit, ceiling, maxTicks);
        double step = nice.step;
        if (Math.floor(ceiling / step + 1e-9) < 1) {
            step = niceStep(ceiling / Math.max(1, maxTicks)); // the top alone would be one step: one step lower
        }
        return new ValueScale(unit, ceiling, step, nice.power);
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw}. */
    public static double niceStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            throw new IllegalArgumentException("a step must be positive: " + raw);
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] { 1, 2, 5, 10 }) {
            if (factor * magnitude >= raw * (1 - 1e-9)) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    public double max() {
        return max;
    }

    public double step() {
        return step;
    }

    /** The tick values from 0 to the maximum. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = (long) Math.floor(max / step + 1e-9);
        for (long i = 0; i <= count; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** A tick's label: "50 %", "2 GiB", "0.5 KiB/s" (all ticks of an axis share one prefix). */
    public String label(double tick) {
        if (unit == ValueUnit.PERCENT) {
            return UnitFormat.tick(tick, step) + " %";
        }
        double unitSize = Math.pow(1024, power);
        return UnitFormat.tick(tick / unitSize, step / unitSize) + " " + UnitFormat.BINARY_UNITS[power] + unit.suffix();
    }

    /** The pixel row of a value in a plot from {@code top} spanning {@code height} pixels (0 at the bottom). */
    public int toPixel(double value, int top, int height) {
        double clamped = Math.max(0, Math.min(max, value));
        return top + height - 1 - (int) Math.round(clamped / max * (height - 1));
    }

    /** The value shown at a pixel row (the inverse of {@link #toPixel}). */
    public double toValue(int y, int top, int height) {
        return (top + height - 1 - y) * max / (height - 1);
    }
}
