package outpost.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sample as named numbers ("cpu", "cpu/0", "ram/used", "disk/used//home", "net/rx/eth0"), the
 * form in which rings store and roll up samples without knowing what each figure means.
 */
final class SampleSeries {

    private static final String CORE = "cpu/";
    private static final String DISK_USED = "disk/used/";
    private static final String DISK_TOTAL = "disk/total/";
    private static final String NET_RX = "net/rx/";
    private static final String NET_TX = "net/tx/";

    private SampleSeries() {
    }

    /** Every figure of the sample by series name, in a stable order (cores in order). */
    static Map<String, Double> flatten(MetricSample sample) {
        Map<String, Double> series = new LinkedHashMap<>();
        if (sample.cpu() != null) {
            if (sample.cpu().totalPercent() != null) {
                series.put("cpu", sample.cpu().totalPercent());
            }
            List<Double> cores = sample.cpu().perCorePercent();
            for (int core = 0; core < cores.size(); core++) {
                series.put(CORE + core, cores.get(core));
            }
        }
        if (sample.load() != null) {
            series.put("load/1", sample.load().m1());
            series.put("load/5", sample.load().m5());
            series.put("load/15", sample.load().m15());
        }
        if (sample.ram() != null) {
            series.put("ram/used", (double) sample.ram().usedBytes());
            series.put("ram/total", (double) sample.ram().totalBytes());
        }
        if (sample.swap() != null) {
            series.put("swap/used", (double) sample.swap().usedBytes());
            series.put("swap/total", (double) sample.swap().totalBytes());
        }
        if (sample.disks() != null) {
            for (MetricSample.Disk disk : sample.disks()) {
                series.put(DISK_USED + disk.mount(), (double) disk.usedBytes());
                series.put(DISK_TOTAL + disk.mount(), (double) disk.totalBytes());
            }
        }
        if (sample.net() != null) {
            for (MetricSample.NetworkRate rate : sample.net()) {
                series.put(NET_RX + rate.name(), rate.rxBytesPerSecond());
                series.put(NET_TX + rate.name(), rate.txBytesPerSecond());
            }
        }
        return series;
    }

    /**
     * The sample the figures make (a section whose figures are all missing is null); disks by
     * mount and interfaces by name in alphabetical order.
     */
    static MetricSample unflatten(long time, Map<String, Double> series) {
        Double total = series.get("cpu");
        TreeMap<Integer, Double> cores = new TreeMap<>();
        TreeMap<String, double[]> disks = new TreeMap<>();
        TreeMap<String, double[]> rates = new TreeMap<>();
        series.forEach((name, value) -> {
            if (name.startsWith(CORE)) {
                cores.put(Integer.parseInt(name.substring(CORE.length())), value);
            } else if (name.startsWith(DISK_USED)) {
                pair(disks, name.substring(DISK_USED.length()))[0] = value;
            } else if (name.startsWith(DISK_TOTAL)) {
                pair(disks, name.substring(DISK_TOTAL.length()))[1] = value;
            } else if (name.startsWith(NET_RX)) {
                pair(rates, name.substring(NET_RX.length()))[0] = value;
            } else if (name.startsWith(NET_TX)) {
                pair(rates, name.substring(NET_TX.length()))[1] = value;
            }
        });
        MetricSample.Cpu cpu = total == null && cores.isEmpty() ? null
                : new MetricSample.Cpu(total, new ArrayList<>(cores.values()));
        Double m1 = series.get("load/1");
        MetricSample.Load load = m1 == null ? null
                : new MetricSample.Load(m1, series.getOrDefault("load/5", Double.NaN), series.getOrDefault("load/15", Double.NaN));
        List<MetricSample.Disk> diskList = new ArrayList<>();
        disks.forEach((mount, pair) -> {
            if (!Double.isNaN(pair[0]) && !Double.isNaN(pair[1])) {
                diskList.add(new MetricSample.Disk(mount, Math.round(pair[0]), Math.round(pair[1])));
            }
        });
        List<MetricSample.NetworkRate> rateList = new ArrayList<>();
        rates.forEach((name, pair) -> {
            if (!Double.isNaN(pair[0]) && !Double.isNaN(pair[1])) {
                rateList.add(new MetricSample.NetworkRate(name, pair[0], pair[1]));
            }
        });
        return new MetricSample(time, cpu, load, memory(series, "ram/"), memory(series, "swap/"),
                diskList.isEmpty() ? null : diskList, rateList.isEmpty() ? null : rateList);
    }

    private static MetricSample.Memory memory(Map<String, Double> series, String prefix) {
        Double used = series.get(prefix + "used");
        Double total = series.get(prefix + "total");
        return used == null || total == null ? null : new MetricSample.Memory(Math.round(used), Math.round(total));
    }

    private static double[] pair(Map<String, double[]> pairs, String key) {
        return pairs.computeIfAbsent(key, k -> new double[] { Double.NaN, Double.NaN });
    }
}
