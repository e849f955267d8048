package outpost.agent.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import outpost.agent.internal.SystemMetrics;

/** Checks {@code net} against the kernel's counters (/sys/class/net) and the JDK's view of the interfaces. */
@EnabledOnOs(OS.LINUX)
class NetCommandTest {

    private static final Pattern TRAFFIC = Pattern.compile(
            "  (RX|TX) (\\d+) bytes \\([^)]*\\), (\\d+) packets, (\\d+) errors, \\d+ \\w+; (?:rate n/a \\(sampling\\)|([0-9.]+ [KMGTP]?i?B)/s, ([0-9.]+) packets/s)");

    private static SystemMetrics metrics;

    @BeforeAll
    static void startMetrics() {
        metrics = new SystemMetrics();
    }

    @AfterAll
    static void stopMetrics() {
        metrics.deactivate();
    }

    @Test
    void loopbackCountersLieBetweenTheKernelsReadingsBeforeAndAfter() throws Exception {
        long rxBytes = NetworkTruth.statistic("lo", "rx_bytes");
        long txPackets = NetworkTruth.statistic("lo", "tx_packets");
        long rxErrors = NetworkTruth.statistic("lo", "rx_errors");
        String text = CommandRunner.run(new NetCommand(metrics));
        String lo = blocks(text).get("lo");
        assertNotNull(lo, "loopback listed:\n" + text);
        Map<String, Matcher> traffic = traffic(lo);
        assertBetween(rxBytes, Long.parseLong(traffic.get("RX").group(2)), NetworkTruth.statistic("lo", "rx_bytes"), lo);
        assertBetween(txPackets, Long.parseLong(traffic.get("TX").group(3)), NetworkTruth.statistic("lo", "tx_packets"), lo);
        assertBetween(rxErrors, Long.parseLong(traffic.get("RX").group(4)), NetworkTruth.statistic("lo", "rx_errors"), lo);
    }

    @Test
    void everyInterfaceOfTheJdkIsListedWithItsStateAndAddresses() throws Exception {
        Map<String, String> blocks = blocks(CommandRunner.run(new NetCommand(metrics)));
        assertEquals(NetworkTruth.interfaceNames(), new java.util.TreeSet<>(blocks.keySet()));
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            String block = blocks.get(network.getName());
            assertTrue(block.startsWith(network.getName() + ": " + (network.isUp() ? "up" : "down")), block);
            Matcher addressLine = Pattern.compile("\\n  addresses: (.*)").matcher(block);
            assertTrue(addressLine.find(), block);
            Set<String> shown = new HashSet<>();
            if (!addressLine.group(1).equals("none")) {
                for (String address : addressLine.group(1).split(" ")) {
                    int slash = address.lastIndexOf('/');
                    shown.add(NetworkTruth.canonical(address.substring(0, slash)) + address.substring(slash));
                }
            }
            assertEquals(NetworkTruth.addresses(network), shown, block);
            if (network.getHardwareAddress() != null) {
                assertTrue(block.contains("MAC " + java.util.HexFormat.ofDelimiter(":").formatHex(network.getHardwareAddress())),
                        block);
            }
            assertTrue(block.contains("MTU " + network.getMTU()), block);
        }
    }

    @Test
    void ratesFollowTrafficOverTheSamplingWindow() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            Thread sink = new Thread(() -> drain(accepted), "loopback-sink");
            sink.start();
            OutputStream out = client.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            Instant start = Instant.now();
            double rate = 0;
            String lo = null;
            // push data over loopback until a sampling window that began after the start shows it
            while (System.nanoTime() < deadline) {
                out.write(chunk);
                SystemMetrics.NetworkLoad load = metrics.networkLoad();
                if (load.measuredAt().minus(load.window()).isAfter(start) && load.rates().containsKey("lo")) {
                    lo = blocks(CommandRunner.run(new NetCommand(metrics))).get("lo");
                    rate = load.rates().get("lo").rxBytesPerSecond();
                    break;
                }
            }
            client.shutdownOutput();
            sink.join(10_000);
            assertNotNull(lo, "a sampling window passed within 20 s");
            assertTrue(rate >= 64 * 1024, "at least one chunk a second crossed loopback, rate " + rate);
            Matcher rx = traffic(lo).get("RX");
            assertNotNull(rx.group(5), "a rate is shown once the interface was sampled twice: " + lo);
        }
    }

    private static void drain(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // closed
        }
    }

    private static void assertBetween(long before, long shown, long after, String block) {
        assertTrue(before <= shown && shown <= after, shown + " not within [" + before + ", " + after + "] in\n" + block);
    }

    /** Each interface's lines, by interface name. */
    static Map<String, String> blocks(String text) {
        Map<String, String> blocks = new LinkedHashMap<>();
        String name = null;
        StringBuilder block = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("  ") && name != null) {
                block.append('\n').append(line);
            } else {
                if (name != null) {
                    blocks.put(name, block.toString());
                }
                int colon = line.indexOf(": ");
                name = line.startsWith("Rates") || colon < 0 ? null : line.substring(0, colon);
                block = new StringBuilder(line);
            }
        }
        if (name != null) {
            blocks.put(name, block.toString());
        }
        return blocks;
    }

    /** The RX and TX lines of an interface's block, matched. */
    private static Map<String, Matcher> traffic(String block) {
        Map<String, Matcher> found = new LinkedHashMap<>();
        for (String direction : new String[] { "RX", "TX" }) {
            Matcher line = TRAFFIC.matcher(block);
            boolean seen = false;
            while (!seen && line.find()) {
                seen = line.group(1).equals(direction);
            }
            assertTrue(seen, direction + " line in\n" + block);
            found.put(direction, line);
        }
        return found;
    }
}
