package outpost.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkRateTest {

    @ParameterizedTest
    @ValueSource(strings = { "lo", "lo0", "LO", "Loopback Pseudo-Interface 1" })
    void loopbackInterfacesAreKnownOnEverySystem(String name) {
        assertTrue(new MetricSample.NetworkRate(name, 1, 1).loopback(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "eth0", "enp0s3", "wlan0", "docker0", "Ethernet 2", "lowpan0" })
    void otherInterfacesAreNot(String name) {
        assertFalse(new MetricSample.NetworkRate(name, 1, 1).loopback(), name);
    }
}
