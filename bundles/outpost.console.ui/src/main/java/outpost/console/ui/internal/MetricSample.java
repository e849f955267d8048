package outpost.console.ui.internal;

import java.util.Map;

/**
 * One reading of an agent for its charts: CPU percent (total and per core), RAM and swap in bytes,
 * each file system's use in percent (by mount point), network rates in bytes per second (all
 * interfaces but loopback, summed). NaN where the agent had no value yet (e.g. rates in the first
 * second).
 */
record MetricSample(long epochMillis, double cpuPercent, double[] corePercents, double ramUsedBytes, double ramTotalBytes,
        double swapUsedBytes, double swapTotalBytes, Map<String, Double> diskPercents, double rxBytesPerSecond,
        double txBytesPerSecond) {
}
