package outpost.agent.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import outpost.agent.internal.SystemMetrics;
import outpost.testing.Conditions;

/** Parses {@code sysinfo}'s JSON with Gson and checks each part against /proc, /sys and the JDK. */
@EnabledOnOs(OS.LINUX)
class SysinfoCommandTest {

    private static SystemMetrics metrics;
    private static JsonObject report;
    private static long loRxBefore;
    private static long loRxAfter;

    @BeforeAll
    static void runSysinfoOnceTheCpuHasBeenSampled() throws Exception {
        metrics = new SystemMetrics();
        Conditions.holdsWithin(() -> !Double.isNaN(metrics.cpuLoad().total()), Duration.ofSeconds(10));
        loRxBefore = NetworkTruth.statistic("lo", "rx_bytes");
        report = JsonParser.parseString(CommandRunner.run(new SysinfoCommand(metrics))).getAsJsonObject();
        loRxAfter = NetworkTruth.statistic("lo", "rx_bytes");
    }

    @AfterAll
    static void stopMetrics() {
        metrics.deactivate();
    }

    @Test
    void hostAndOsAreTheKernels() throws Exception {
        assertEquals(SysinfoCommand.SCHEMA, report.get("schema").getAsInt());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), report.get("hostName").getAsString());
        JsonObject os = report.getAsJsonObject("os");
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), os.get("kernel").getAsString());
        assertEquals(System.getProperty("os.arch"), os.get("architecture").getAsString());
        assertTrue(Instant.parse(report.get("time").getAsString()).isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void uptimeIsTheKernels() throws Exception {
        double kernel = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        assertEquals(kernel, report.get("uptimeSeconds").getAsLong(), 10);
        Instant boot = Instant.parse(report.get("bootTime").getAsString());
        assertEquals(Instant.now().getEpochSecond() - (long) kernel, boot.getEpochSecond(), 10);
    }

    @Test
    void cpuCountsTheKernelsProcessorsWithItsWindowAndLoadAverages() throws Exception {
        JsonObject cpu = report.getAsJsonObject("cpu");
        long processors = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("processor")).count();
        assertEquals(processors, cpu.get("logicalCores").getAsLong());
        assertEquals(processors, cpu.getAsJsonArray("perCorePercent").size());
        double usage = cpu.get("usagePercent").getAsDouble();
        assertTrue(usage >= 0 && usage <= 100, "usage " + usage);
        double window = cpu.get("windowSeconds").getAsDouble();
        assertTrue(window > 0.5 && window <= 16, "window " + window);
        Matcher model = Pattern.compile("(?m)^model name\\s*:\\s*(.+)$").matcher(Files.readString(Path.of("/proc/cpuinfo")));
        if (model.find()) {
            assertEquals(model.group(1).strip(), cpu.get("model").getAsString());
        }
        double kernelLoad = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        assertEquals(kernelLoad, cpu.getAsJsonArray("loadAverages").get(0).getAsDouble(), 1.0);
    }

    @Test
    void memoryIsTheKernelsMeminfo() throws Exception {
        JsonObject memory = report.getAsJsonObject("memory");
        String meminfo = Files.readString(Path.of("/proc/meminfo"));
        assertEquals(kib(meminfo, "MemTotal") * 1024, memory.get("totalBytes").getAsLong());
        assertEquals(kib(meminfo, "SwapTotal") * 1024, memory.get("swapTotalBytes").getAsLong());
        long available = memory.get("availableBytes").getAsLong();
        assertTrue(available > 0 && available <= memory.get("totalBytes").getAsLong());
        assertEquals(memory.get("totalBytes").getAsLong(), available + memory.get("usedBytes").getAsLong());
    }

    @Test
    void eachDiskHasTheSizeTheFileSystemReports() throws Exception {
        JsonArray disks = report.getAsJsonArray("disks");
        assertTrue(disks.size() > 0, report.toString());
        for (JsonElement element : disks) {
            JsonObject disk = element.getAsJsonObject();
            assertEquals(Files.getFileStore(Path.of(disk.get("mount").getAsString())).getTotalSpace(),
                    disk.get("totalBytes").getAsLong(), disk.toString());
            assertTrue(disk.get("usedBytes").getAsLong() <= disk.get("totalBytes").getAsLong(), disk.toString());
        }
    }

    @Test
    void netListsTheJdksInterfacesAndLoopbackCountersAreTheKernels() throws Exception {
        JsonObject net = report.getAsJsonObject("net");
        Set<String> names = new TreeSet<>();
        JsonObject lo = null;
        for (JsonElement element : net.getAsJsonArray("interfaces")) {
            JsonObject network = element.getAsJsonObject();
            names.add(network.get("name").getAsString());
            if (network.get("name").getAsString().equals("lo")) {
                lo = network;
            }
        }
        assertEquals(NetworkTruth.interfaceNames(), names);
        for (JsonElement element : net.getAsJsonArray("interfaces")) {
            JsonObject network = element.getAsJsonObject();
            byte[] mac = NetworkInterface.getByName(network.get("name").getAsString()).getHardwareAddress();
            if (mac == null) {
                assertTrue(network.get("mac").isJsonNull(), network.toString());
            } else {
                assertEquals(java.util.HexFormat.ofDelimiter(":").formatHex(mac), network.get("mac").getAsString());
            }
        }
        assertNotNull(lo);
        long rx = lo.getAsJsonObject("rx").get("bytes").getAsLong();
        assertTrue(loRxBefore <= rx && rx <= loRxAfter, rx + " within [" + loRxBefore + ", " + loRxAfter + "]");
        assertTrue(lo.get("up").getAsBoolean());
        assertTrue(net.get("windowSeconds").getAsDouble() > 0, net.toString());
        assertTrue(lo.getAsJsonObject("rx").get("bytesPerSecond").getAsDouble() >= 0, lo.toString());
    }

    @Test
    void addressesAreEveryNonLoopbackAddressOfTheInterfacesThatAreUp() throws Exception {
        Set<String> expected = new HashSet<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp()) {
                continue;
            }
            for (InterfaceAddress address : network.getInterfaceAddresses()) {
                InetAddress inet = address.getAddress();
                if (!inet.isLoopbackAddress()) {
                    expected.add(network.getName() + " " + NetworkTruth.canonical(inet.getHostAddress()) + "/"
                            + address.getNetworkPrefixLength());
                }
            }
        }
        Set<String> shown = new HashSet<>();
        for (JsonElement element : report.getAsJsonArray("addresses")) {
            JsonObject address = element.getAsJsonObject();
            shown.add(address.get("interface").getAsString() + " " + NetworkTruth.canonical(address.get("address").getAsString())
                    + "/" + address.get("prefixLength").getAsInt());
        }
        assertEquals(expected, shown);
        assertTrue(report.getAsJsonArray("addresses").toString().indexOf("127.0.1.1") < 0);
    }

    private static long kib(String meminfo, String key) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^" + key + ":\\s+(\\d+) kB").matcher(meminfo);
        assertTrue(matcher.find(), key);
        return Long.parseLong(matcher.group(1));
    }
}
