package outpost.metrics;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A section of a {@link MetricSample}, named on the command line as its JSON field is: {@code cpu,ram}. */
public enum Metric {
    CPU, LOAD, RAM, SWAP, DISK, NET;

    /** The name in commands and in the JSON form. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The sections a comma- or space-separated list names: {@code "cpu,ram"}; all of them for an
     * empty list ("disks" is taken for "disk").
     *
     * @throws IllegalArgumentException naming the word that is no metric
     */
    public static Set<Metric> parseList(String text) {
        Set<Metric> metrics = EnumSet.noneOf(Metric.class);
        for (String word : text.trim().split("[,\\s]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String name = word.toLowerCase(Locale.ROOT);
            metrics.add(switch (name) {
                case "cpu" -> CPU;
                case "load" -> LOAD;
                case "ram", "mem", "memory" -> RAM;
                case "swap" -> SWAP;
                case "disk", "disks" -> DISK;
                case "net", "network" -> NET;
                default -> throw new IllegalArgumentException("no metric '" + word + "': cpu, load, ram, swap, disk or net");
            });
        }
        return metrics.isEmpty() ? EnumSet.allOf(Metric.class) : metrics;
    }
}
