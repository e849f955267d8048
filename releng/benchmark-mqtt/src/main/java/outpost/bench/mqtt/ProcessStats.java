package outpost.bench.mqtt;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, from /proc (Linux), for this JVM and for the broker. */
record ProcessStats(long pid) {

    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final long TICKS_PER_SECOND = 100;

    static ProcessStats self() {
        return new ProcessStats(ProcessHandle.current().pid());
    }

    /** User plus system CPU time in nanoseconds (10 ms resolution). */
    long cpuNanos() {
        String stat = read("stat");
        // the command name in parentheses may hold spaces: count fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** Resident set size in KiB. */
    long rssKiB() {
        return statusField("VmRSS:");
    }

    int threads() {
        return (int) statusField("Threads:");
    }

    private long statusField(String name) {
        for (String line : read("status").split("\n")) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(name + " not in /proc/" + pid + "/status");
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/" + file, e);
        }
    }

    /** This JVM's CPU time in nanoseconds, at the JVM's own resolution. */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
