package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** What the benchmarks share: the agent service, and the CPU time of the agent's own threads. */
final class BenchmarkAgents {

    private BenchmarkAgents() {
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(FrameworkUtil.getBundle(BenchmarkAgents.class)
                .getBundleContext(), type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        assertNotNull(service, type.getSimpleName() + " service not available");
        return service;
    }

    /**
     * CPU time of the agent's threads: transport event loops, the plain-text event loop, workers,
     * timer with the audit writer, metrics sampler (the load generator's clients are other threads).
     */
    static long agentCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("outpost-transport")
                    || info.getThreadName().startsWith("outpost-agent") || info.getThreadName().startsWith("outpost-plain-text"))) {
                total += Math.max(threads.getThreadCpuTime(info.getThreadId()), 0);
            }
        }
        return total;
    }
}
