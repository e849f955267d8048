package outpost.agent.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Runs a command and returns what it wrote to standard output. */
    private static String run(outpost.agent.AgentCommand command) throws Exception {
        StringBuilder out = new StringBuilder();
        int exit = command.execute(new outpost.agent.CommandContext() {
            @Override
            public String arguments() {
                return "";
            }

            @Override
            public void stdout(String text) {
                out.append(text);
            }

            @Override
            public void stderr(String text) {
                throw new AssertionError("unexpected stderr: " + text);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public java.time.Duration timeout() {
                return java.time.Duration.ofSeconds(60);
            }
        });
        assertEquals(0, exit);
        return out.toString();
    }

    private static double processorLoadAverage() {
        return metrics.processor().getSystemLoadAverage(1)[0];
    }

    private static void waitForFirstCpuSample() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Double.isNaN(metrics.cpuLoad().total()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static long procValue(String file, String regex) throws IOException {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(Path.of(file)));
        assertTrue(matcher.find(), regex + " in " + file);
        return Long.parseLong(matcher.group(1));
    }
}
