package outpost.explorer.ui.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrendTest {

    private static final long T0 = 1_765_000_000_000L; // a multiple of 10 s

    @Test
    void eachTenSecondSlotKeepsItsPeakAndTheHourEndsAtTheNewestSlot() {
        Trend trend = new Trend();
        trend.add(T0, 20);
        trend.add(T0 + 3_000, 90);
        trend.add(T0 + 6_000, 30);
        trend.add(T0 + 10_000, 5);
        float[] hour = trend.lastHour(T0 + 10_000);
        assertEquals(Trend.SLOTS, hour.length);
        assertEquals(5, hour[Trend.SLOTS - 1]);
        assertEquals(90, hour[Trend.SLOTS - 2], "a short peak is kept");
        assertTrue(Float.isNaN(hour[Trend.SLOTS - 3]), "nothing seen before: a gap");
    }

    @Test
    void valuesOlderThanAnHourAreGoneAndTheRingNeverGrows() {
        Trend trend = new Trend();
        for (int i = 0; i < 3 * Trend.SLOTS; i++) {
            trend.add(T0 + i * 10_000L, i % 100);
        }
        long now = T0 + (3 * Trend.SLOTS - 1) * 10_000L;
        float[] hour = trend.lastHour(now);
        assertEquals((3 * Trend.SLOTS - 1) % 100, hour[Trend.SLOTS - 1]);
        assertEquals((2 * Trend.SLOTS) % 100, hour[0]);
        float[] later = trend.lastHour(now + 30 * 60_000L);
        assertTrue(Float.isNaN(later[Trend.SLOTS - 1]), "no sample in the last half hour");
        assertEquals(hour[Trend.SLOTS - 1], later[Trend.SLOTS - 1 - 180]);
    }

    @Test
    void aMinuteOfTheAgentsHistoryFillsItsSixSlotsAndNeverOverwritesNewerValues() {
        Trend trend = new Trend();
        trend.add(T0 + 60_000, 70); // seen live first
        trend.addSpan(T0, 60_000, 40); // the agent's minute mean, answered later
        trend.addSpan(T0 + 60_000 - Trend.SLOTS * 10_000L, 60_000, 99); // an hour older than the live value's slot
        float[] hour = trend.lastHour(T0 + 60_000);
        for (int slot = Trend.SLOTS - 7; slot < Trend.SLOTS - 1; slot++) {
            assertEquals(40, hour[slot], "slot " + slot);
        }
        assertEquals(70, hour[Trend.SLOTS - 1], "the live value stays");
        assertTrue(Float.isNaN(hour[Trend.SLOTS - 8]));
    }
}
