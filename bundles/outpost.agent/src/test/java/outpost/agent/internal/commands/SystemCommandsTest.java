package outpost.agent.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import outpost.agent.internal.SystemMetrics;
import outpost.testing.Conditions;

/** Checks each metric against what the Linux kernel itself reports. */
@EnabledOnOs(OS.LINUX)
class SystemCommandsTest {

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
    void ramTotalIsTheKernelsMemTotal() throws Exception {
        long memTotalKiB = procValue("/proc/meminfo", "MemTotal:\\s+(\\d+) kB");
        assertEquals(memTotalKiB * 1024, metrics.memory().getTotal());
        String text = run(new RamCommand(metrics));
        assertTrue(text.contains(" used of " + Sizes.binary(memTotalKiB * 1024)), text);
    }

    @Test
    void cpuCountsTheKernelsProcessorsAndAnswersAtOnceAfterTheFirstSample() throws Exception {
        long processors = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("processor")).count();
        waitForFirstCpuSample();
        String text = run(new CpuCommand(metrics));
        assertTrue(text.startsWith("CPU: "), text);
        assertTrue(text.contains(processors + " logical cores"), text);
        assertFalse(text.contains("n/a (sampling)"), text);
        Matcher window = Pattern.compile("^CPU: [0-9.]+ % used over ([0-9.]+) s, ([0-9.]+) s ago").matcher(text);
        assertTrue(window.find(), "says over which window: " + text);
        double seconds = Double.parseDouble(window.group(1));
        assertTrue(seconds > 0.5 && seconds <= 16, "a fast (1 s) or slow (15 s) window: " + text);
        double total = metrics.cpuLoad().total();
        assertTrue(total >= 0 && total <= 1, "load " + total);
        assertEquals(processors, metrics.cpuLoad().perCore().length);
        String loadAverage = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        assertTrue(text.contains("Load average: "), text);
        assertTrue(Math.abs(Double.parseDouble(loadAverage) - processorLoadAverage()) < 1.0, text);
    }

    @Test
    void osShowsTheRunningKernelRelease() throws Exception {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        String text = run(new OsCommand(metrics));
        assertTrue(text.contains("Kernel: " + release), text);
        assertTrue(text.contains(System.getProperty("os.arch")), text);
    }

    @Test
    void nameIsWhatTheHostnameCommandPrints() throws Exception {
        Process process = new ProcessBuilder("hostname").redirectErrorStream(true).start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        String expected = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(expected, run(new NameCommand(metrics)));
    }

    @Test
    void ipListsEveryAddressTheInterfacesHave() throws Exception {
        String text = run(new IpCommand(metrics));
        int checked = 0;
        for (java.net.NetworkInterface network : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (network.isLoopback() || !network.isUp()) {
                continue;
            }
            for (java.net.InetAddress address : java.util.Collections.list(network.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address) {
                    assertTrue(text.contains(network.getName() + ":") && text.contains(address.getHostAddress()),
                            address + " of " + network.getName() + " in:\n" + text);
                    checked++;
                }
            }
        }
        assertTrue(checked > 0, "this machine has at least one non-loopback IPv4 address");
        assertFalse(text.contains("127.0.1.1"), "not the address the host name resolves to");
    }

    @Test
    void uptimeIsTheKernelsUptime() throws Exception {
        double kernel = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        Matcher seconds = Pattern.compile("\\((\\d+) s\\)").matcher(run(new UptimeCommand(metrics)));
        assertTrue(seconds.find());
        assertTrue(Math.abs(Long.parseLong(seconds.group(1)) - kernel) < 5, seconds.group(1) + " vs " + kernel);
    }

    @Test
    void loadIsTheKernelsLoadAverage() throws Exception {
        double kernel = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        Matcher oneMinute = Pattern.compile("Load average: ([0-9.]+) \\(1 min\\)").matcher(run(new LoadCommand(metrics)));
        assertTrue(oneMinute.find());
        assertTrue(Math.abs(Double.parseDouble(oneMinute.group(1)) - kernel) < 1.0, oneMinute.group(1) + " vs " + kernel);
    }

    @Test
    void diskShowsEachFileSystemWithTheSizeTheKernelReports() throws Exception {
        String text = run(new DiskCommand(metrics));
        String[] lines = text.split("\n");
        assertTrue(lines.length > 1, "at least one file system:\n" + text);
        Pattern row = Pattern.compile("^(\\S+)\\s+\\S+\\s+([0-9.]+ [KMGTP]?i?B)\\s");
        for (int i = 1; i < lines.length; i++) {
            Matcher columns = row.matcher(lines[i]);
            assertTrue(columns.find(), lines[i]);
            assertEquals(Sizes.binary(Files.getFileStore(Path.of(columns.group(1))).getTotalSpace()), columns.group(2), lines[i]);
        }
    }

    private static String run(outpost.agent.AgentCommand command) throws Exception {
        return CommandRunner.run(command);
    }

    private static double processorLoadAverage() {
        return metrics.processor().getSystemLoadAverage(1)[0];
    }

    private static void waitForFirstCpuSample() throws InterruptedException {
        Conditions.holdsWithin(() -> !Double.isNaN(metrics.cpuLoad().total()), Duration.ofSeconds(10));
    }

    private static long procValue(String file, String regex) throws IOException {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(Path.of(file)));
        assertTrue(matcher.find(), regex + " in " + file);
        return Long.parseLong(matcher.group(1));
    }
}
