package outpost.metrics;

import java.util.List;

/** Samples for the tests, every figure derived from one number so a test can tell them apart. */
final class Samples {

    private Samples() {
    }

    static MetricSample at(long time, double value) {
        return new MetricSample(time, new MetricSample.Cpu(value, List.of(value, value + 1)),
                new MetricSample.Load(value / 10, value / 20, value / 40),
                new MetricSample.Memory((long) value * 1024, 16L << 30), new MetricSample.Memory(0, 2L << 30),
                List.of(new MetricSample.Disk("/", (long) value << 20, 100L << 30)),
                List.of(new MetricSample.NetworkRate("eth0", value * 100, value * 10)));
    }
}
