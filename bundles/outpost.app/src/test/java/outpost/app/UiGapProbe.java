package outpost.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Display;

/**
 * The UI benchmarks' measuring stick: a 5 ms timer on the UI thread that notes the time between its
 * runs, so the longest gaps are the longest blocks of the UI thread, and the UI thread's own CPU
 * time per phase, which other processes on the machine do not inflate. Create and use on the UI thread.
 */
final class UiGapProbe implements Runnable {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** A phase's gaps between the probe's runs, and the UI thread's CPU time in it. */
    record Gaps(long[] gaps, long cpuMillis) {
    }

    private final Display display;
    private final List<Long> gaps = new ArrayList<>();
    /** When each gap over 50 ms ended and how long it was: to find it in a JFR recording. */
    private final List<String> longGaps = new ArrayList<>();
    private long last = System.nanoTime();
    private long cpuAtLastTake = CPU.getCurrentThreadCpuTime();
    private boolean running = true;

    UiGapProbe(Display display) {
        this.display = display;
        display.timerExec(5, this);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long gap = (now - last) / 1_000_000;
        gaps.add(gap);
        if (gap > 50) {
            longGaps.add(gap + " ms to " + Instant.now());
        }
        last = now;
        if (running) {
            display.timerExec(5, this);
        }
    }

    /** The gaps and UI CPU time since the last take; prints when the gaps over 50 ms ended. */
    Gaps takeGaps() {
        long cpu = CPU.getCurrentThreadCpuTime();
        long cpuMillis = (cpu - cpuAtLastTake) / 1_000_000;
        cpuAtLastTake = cpu;
        long[] taken = gaps.stream().mapToLong(Long::longValue).toArray();
        gaps.clear();
        if (!longGaps.isEmpty()) {
            System.out.println("gaps over 50 ms: " + longGaps);
            longGaps.clear();
        }
        return new Gaps(taken, cpuMillis);
    }

    /**
     * Runs the event loop until the timer ran once more: the condition that ends a phase can hold in
     * the same turn of the loop as the work it waited for, before the timer noted the gap that work made.
     */
    void awaitNextRun() {
        int before = gaps.size();
        while (gaps.size() == before && running) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    void stop() {
        running = false;
    }

    /** A Markdown table row: phase, ms, timer runs, p50, p99, longest, gaps over 50 ms, and the UI CPU if asked. */
    static String row(String phase, long millis, Gaps taken, boolean withCpu) {
        long[] sorted = taken.gaps().clone();
        Arrays.sort(sorted);
        long over = Arrays.stream(sorted).filter(gap -> gap > 50).count();
        return "| " + phase + " | " + millis + " | " + sorted.length + " | " + percentile(sorted, 50) + " | "
                + percentile(sorted, 99) + " | " + (sorted.length == 0 ? 0 : sorted[sorted.length - 1]) + " | " + over + " |"
                + (withCpu ? " " + taken.cpuMillis() + " |" : "") + "\n";
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }
}
