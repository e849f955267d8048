package outpost.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import outpost.agent.internal.SystemMetrics.InterfaceRates;
import outpost.agent.internal.SystemMetrics.NetworkCounters;
import outpost.agent.internal.SystemMetrics.NetworkLoad;

/** Network rates from two readings of the interfaces' counters. */
class NetworkLoadTest {

    @Test
    void ratesAreCounterDifferencesOverTheWindowAndACounterResetIsNoTraffic() {
        Map<String, NetworkCounters> before = Map.of("eth0", new NetworkCounters(1_000, 500, 10, 5),
                "old0", new NetworkCounters(1, 1, 1, 1), "reset0", new NetworkCounters(9_000, 9_000, 90, 90));
        Map<String, NetworkCounters> after = Map.of("eth0", new NetworkCounters(5_000, 2_500, 30, 15),
                "new0", new NetworkCounters(7, 7, 7, 7), "reset0", new NetworkCounters(100, 100, 1, 1));
        NetworkLoad load = NetworkLoad.between(before, after, Duration.ofSeconds(2), Instant.EPOCH);
        assertEquals(new InterfaceRates(2_000, 1_000, 10, 5), load.rates().get("eth0"));
        assertEquals(new InterfaceRates(0, 0, 0, 0), load.rates().get("reset0"));
        assertFalse(load.rates().containsKey("new0"), "seen once: no rate yet");
        assertFalse(load.rates().containsKey("old0"), "gone");
    }
}
