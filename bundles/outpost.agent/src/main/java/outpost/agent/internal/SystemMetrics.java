package outpost.agent.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/**
 * The machine's metrics through OSHI. CPU load is a difference of tick counters, so a sampler
 * reads them (and the load averages) about once a second in the background and {@code cpu} answers
 * at once from the last complete interval.
 */
@Component(service = SystemMetrics.class)
public final class SystemMetrics {

    static final long SAMPLE_PERIOD_MILLIS = 1000;

    private final SystemInfo systemInfo = new SystemInfo();
    private final CentralProcessor processor = systemInfo.getHardware().getProcessor();
    private final ScheduledExecutorService sampler;
    private long[] previousTicks;
    private long[][] previousCoreTicks;
    private volatile CpuLoad cpuLoad;

    @Activate
    public SystemMetrics() {
        previousTicks = processor.getSystemCpuLoadTicks();
        previousCoreTicks = processor.getProcessorCpuLoadTicks();
        cpuLoad = new CpuLoad(Double.NaN, new double[0], processor.getSystemLoadAverage(3));
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outpost-agent-cpu-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::sampleCpu, SAMPLE_PERIOD_MILLIS, SAMPLE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    public void deactivate() {
        sampler.shutdownNow();
    }

    private void sampleCpu() {
        double total = processor.getSystemCpuLoadBetweenTicks(previousTicks);
        double[] perCore = processor.getProcessorCpuLoadBetweenTicks(previousCoreTicks);
        previousTicks = processor.getSystemCpuLoadTicks();
        previousCoreTicks = processor.getProcessorCpuLoadTicks();
        cpuLoad = new CpuLoad(total, perCore, processor.getSystemLoadAverage(3));
    }

    /** Load over the last sampling interval; NaN total until the first interval has passed. */
    public CpuLoad cpuLoad() {
        return cpuLoad;
    }

    public CentralProcessor processor() {
        return processor;
    }

    public HardwareAbstractionLayer hardware() {
        return systemInfo.getHardware();
    }

    public GlobalMemory memory() {
        return systemInfo.getHardware().getMemory();
    }

    public OperatingSystem operatingSystem() {
        return systemInfo.getOperatingSystem();
    }

    /** The machine's host name as the OS knows it (gethostname), not a reverse DNS lookup. */
    public String hostName() {
        return systemInfo.getOperatingSystem().getNetworkParams().getHostName();
    }

    /**
     * One sample: load fractions between 0 and 1 over the last interval, and the 1, 5 and 15
     * minute load averages (negative where the OS has none), read with it so {@code cpu} reads no files.
     */
    public record CpuLoad(double total, double[] perCore, double[] loadAverages) {
    }
}
