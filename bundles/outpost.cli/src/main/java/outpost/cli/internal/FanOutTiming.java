package outpost.cli.internal;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * With OUTPOST_CLI_TIMING set, says on standard error where a fan-out's time went: the JVM and
 * OSGi start before it, the fan-out itself (first connect to last answer) and the process's CPU
 * time during it. The fleet benchmark reads it (docs/BENCHMARKS.md); it changes no other output.
 */
final class FanOutTiming {

    static final String VARIABLE = "OUTPOST_CLI_TIMING";

    private final long startNanos = System.nanoTime();
    private final long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    private final Duration cpuAtStart = processCpu();

    static boolean wanted() {
        String value = System.getenv(VARIABLE);
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    void report(int servers, PrintStream err) {
        long fanOutMillis = (System.nanoTime() - startNanos) / 1_000_000;
        Duration cpu = processCpu().minus(cpuAtStart);
        err.printf(Locale.ROOT, "outpost-cli timing: JVM start to fan-out %d ms; fan-out to %d servers (first connect"
                + " to last answer) %d ms; process CPU during the fan-out %d ms%n", uptimeMillis, servers, fanOutMillis,
                cpu.toMillis());
    }

    private static Duration processCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
