package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SysinfoReadingsTest {

    /** The shape of the agent's sysinfo answer (docs/SYSINFO.md), trimmed to what the charts read and a little more. */
    private static final String ANSWER = """
            {
              "schema": 1,
              "cpu": { "model": "x", "logicalCores": 2, "usagePercent": 12.5, "perCorePercent": [ 10.0, 15.0 ] },
              "memory": { "totalBytes": 16000, "availableBytes": 12000, "usedBytes": 4000, "swapTotalBytes": 2000, "swapUsedBytes": 0 },
              "disks": [
                { "mount": "/", "type": "ext4", "device": "/dev/vda1", "totalBytes": 1000, "usedBytes": 250, "availableBytes": 700 },
                { "mount": "/snap/core/1", "type": "squashfs", "device": "/dev/loop0", "totalBytes": 100, "usedBytes": 100, "availableBytes": 0 },
                { "mount": "/home", "type": "xfs", "device": "/dev/vdb", "totalBytes": 400, "usedBytes": 100, "availableBytes": 300 }
              ],
              "net": { "windowSeconds": 1.0, "interfaces": [
                { "name": "lo", "up": true, "addresses": [ { "address": "127.0.0.1" }, { "address": "::1" } ],
                  "rx": { "bytesPerSecond": 9999.0 }, "tx": { "bytesPerSecond": 9999.0 } },
                { "name": "eth0", "up": true, "addresses": [ { "address": "192.0.2.10" } ],
                  "rx": { "bytesPerSecond": 1000.0 }, "tx": { "bytesPerSecond": 200.0 } },
                { "name": "wlan0", "up": true, "addresses": [], "rx": { "bytesPerSecond": 24.0 }, "tx": { "bytesPerSecond": null } },
                { "name": "eth1", "up": false, "addresses": [], "rx": { "bytesPerSecond": 5000.0 }, "tx": { "bytesPerSecond": 5000.0 } }
              ] }
            }
            """;

    @Test
    void readsCpuMemoryFileSystemsAndTheRatesOfInterfacesThatAreUpAndNotLoopback() {
        MetricSample sample = SysinfoReadings.parse(ANSWER, 42);
        assertEquals(42, sample.epochMillis());
        assertEquals(12.5, sample.cpuPercent());
        assertArrayEquals(new double[] { 10, 15 }, sample.corePercents());
        assertEquals(4000, sample.ramUsedBytes());
        assertEquals(16000, sample.ramTotalBytes());
        assertEquals(2000, sample.swapTotalBytes());
        assertEquals(Map.of("/", 25.0, "/home", 25.0), sample.diskPercents(), "snap images are always full: left out");
        assertEquals(List.of("/", "/home"), List.copyOf(sample.diskPercents().keySet()), "in the agent's order");
        assertEquals(1024, sample.rxBytesPerSecond());
        assertEquals(200, sample.txBytesPerSecond(), "an interface without a rate yet adds nothing");
    }

    @Test
    void valuesTheAgentDoesNotHaveYetAreMissingNotZero() {
        MetricSample sample = SysinfoReadings.parse("""
                { "cpu": { "usagePercent": null, "perCorePercent": [ null ] }, "memory": { "totalBytes": 8, "usedBytes": 2 },
                  "disks": [], "net": { "interfaces": [ { "name": "eth0", "up": true, "addresses": [],
                    "rx": { "bytesPerSecond": null }, "tx": { "bytesPerSecond": null } } ] } }
                """, 1);
        assertTrue(Double.isNaN(sample.cpuPercent()));
        assertTrue(Double.isNaN(sample.corePercents()[0]));
        assertTrue(Double.isNaN(sample.rxBytesPerSecond()));
        assertTrue(Double.isNaN(sample.swapTotalBytes()));
    }

    @Test
    void anAnswerThatIsNotJsonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SysinfoReadings.parse("unknown command 'sysinfo', try help", 1));
    }
}
