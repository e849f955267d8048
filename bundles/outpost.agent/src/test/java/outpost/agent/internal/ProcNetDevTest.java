package outpost.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcNetDevTest {

    @Test
    void readsBytesAndPacketsReceivedAndSentPerInterface() {
        Map<String, SystemMetrics.NetworkCounters> counters = ProcNetDev.parse(List.of(
                "Inter-|   Receive                                                |  Transmit",
                " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
                "    lo: 4096      32    0    0    0     0          0         0     4096      32    0    0    0     0       0          0",
                "  eth0:123456789 98765    1    2    0     0          0        10 55555555   4444    0    0    0     0       0          0"));

        assertEquals(new SystemMetrics.NetworkCounters(4096, 4096, 32, 32), counters.get("lo"));
        assertEquals(new SystemMetrics.NetworkCounters(123456789, 55555555, 98765, 4444), counters.get("eth0"));
        assertEquals(2, counters.size());
    }

    @Test
    void aLineThatIsNotTheKernelsFormatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcNetDev.parse(List.of("h1", "h2", "eth0: 1 2 3")));
    }

    @Test
    void thisMachinesFileHasTheLoopbackAndNoFileMeansNone() throws Exception {
        if (Files.isReadable(ProcNetDev.FILE)) {
            assertTrue(ProcNetDev.read(ProcNetDev.FILE).orElseThrow().containsKey("lo"));
        }
        assertTrue(ProcNetDev.read(Path.of("/no/such/proc/net/dev")).isEmpty());
    }
}
