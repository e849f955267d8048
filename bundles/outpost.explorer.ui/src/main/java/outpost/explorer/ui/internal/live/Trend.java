package outpost.explorer.ui.internal.live;

import java.util.Arrays;

/**
 * The last hour of one figure of one server (e.g. CPU %), in 10-second slots holding the highest
 * value seen in each (a short peak must show in a sparkline), NaN where nothing was seen. Fixed
 * size: 360 floats and 360 longs, whatever the refresh rate. Thread-safe.
 */
public final class Trend {

    public static final int SLOT_SECONDS = 10;
    public static final int SLOTS = 360;

    private final float[] values = new float[SLOTS];
    private final long[] slotOf = new long[SLOTS];

    public Trend() {
        Arrays.fill(values, Float.NaN);
        Arrays.fill(slotOf, -1);
    }

    public synchronized void add(long timeMillis, double value) {
        long slot = Math.floorDiv(timeMillis, SLOT_SECONDS * 1000L);
        int index = (int) Math.floorMod(slot, (long) SLOTS);
        if (slotOf[index] > slot) {
            return; // older than the hour kept (a late history answer): never over a newer value
        }
        if (slotOf[index] != slot) {
            slotOf[index] = slot;
            values[index] = (float) value;
        } else if (Float.isNaN(values[index]) || value > values[index]) {
            values[index] = (float) value;
        }
    }

    /**
     * Adds a value that held for {@code spanMillis} from {@code timeMillis} on (a minute's mean of the
     * agent's history) to every slot it covers.
     */
    public void addSpan(long timeMillis, long spanMillis, double value) {
        long step = SLOT_SECONDS * 1000L;
        for (long time = timeMillis; time < timeMillis + Math.max(spanMillis, 1); time += step) {
            add(time, value);
        }
    }

    /** The hour up to {@code nowMillis}, oldest first, NaN for slots without a value. */
    public synchronized float[] lastHour(long nowMillis) {
        long newest = Math.floorDiv(nowMillis, SLOT_SECONDS * 1000L);
        float[] hour = new float[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            long slot = newest - (SLOTS - 1) + i;
            int index = (int) Math.floorMod(slot, (long) SLOTS);
            hour[i] = slotOf[index] == slot ? values[index] : Float.NaN;
        }
        return hour;
    }
}
