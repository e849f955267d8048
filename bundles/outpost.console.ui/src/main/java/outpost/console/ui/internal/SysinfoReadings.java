package outpost.console.ui.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reads the charts' numbers from the agent's {@code sysinfo} answer, its documented JSON form
 * (docs/SYSINFO.md), rather than from the worded answers of {@code cpu} or {@code ram}.
 */
final class SysinfoReadings {

    /** File systems that are always full or in memory: no one watches them fill. */
    private static final Set<String> UNWATCHED_TYPES = Set.of("squashfs", "tmpfs", "devtmpfs", "ramfs", "efivarfs", "iso9660");
    private static final int MOST_FILE_SYSTEMS = 6;

    private SysinfoReadings() {
    }

    /** @throws IllegalArgumentException when the answer is not the sysinfo JSON */
    static MetricSample parse(String json, long epochMillis) {
        JsonObject report;
        try {
            report = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a sysinfo answer: " + e.getMessage(), e);
        }
        JsonObject cpu = object(report, "cpu");
        JsonArray cores = cpu.has("perCorePercent") && cpu.get("perCorePercent").isJsonArray()
                ? cpu.getAsJsonArray("perCorePercent") : new JsonArray();
        double[] corePercents = new double[cores.size()];
        for (int i = 0; i < corePercents.length; i++) {
            corePercents[i] = number(cores.get(i));
        }
        JsonObject memory = object(report, "memory");
        return new MetricSample(epochMillis, number(cpu.get("usagePercent")), corePercents, number(memory.get("usedBytes")),
                number(memory.get("totalBytes")), number(memory.get("swapUsedBytes")), number(memory.get("swapTotalBytes")),
                disks(report), rate(report, "rx"), rate(report, "tx"));
    }

    private static Map<String, Double> disks(JsonObject report) {
        Map<String, Double> percents = new LinkedHashMap<>();
        if (!report.has("disks") || !report.get("disks").isJsonArray()) {
            return percents;
        }
        for (JsonElement element : report.getAsJsonArray("disks")) {
            JsonObject disk = element.getAsJsonObject();
            double total = number(disk.get("totalBytes"));
            if (percents.size() < MOST_FILE_SYSTEMS && total > 0 && !UNWATCHED_TYPES.contains(text(disk.get("type")))) {
                percents.put(text(disk.get("mount")), number(disk.get("usedBytes")) * 100 / total);
            }
        }
        return percents;
    }

    /** The summed rate of interfaces that are up and not loopback; NaN if none has a rate yet. */
    private static double rate(JsonObject report, String direction) {
        JsonObject net = object(report, "net");
        if (!net.has("interfaces") || !net.get("interfaces").isJsonArray()) {
            return Double.NaN;
        }
        double sum = Double.NaN;
        for (JsonElement element : net.getAsJsonArray("interfaces")) {
            JsonObject network = element.getAsJsonObject();
            if (!network.has("up") || !network.get("up").getAsBoolean() || isLoopback(network)) {
                continue;
            }
            double rate = number(object(network, direction).get("bytesPerSecond"));
            if (!Double.isNaN(rate)) {
                sum = Double.isNaN(sum) ? rate : sum + rate;
            }
        }
        return sum;
    }

    private static boolean isLoopback(JsonObject network) {
        JsonArray addresses = network.has("addresses") ? network.getAsJsonArray("addresses") : new JsonArray();
        if (addresses.isEmpty()) {
            return "lo".equals(text(network.get("name")));
        }
        for (JsonElement address : addresses) {
            String literal = text(address.getAsJsonObject().get("address"));
            if (!literal.startsWith("127.") && !literal.equals("::1") && !literal.equals("0:0:0:0:0:0:0:1")) {
                return false;
            }
        }
        return true;
    }

    private static JsonObject object(JsonObject parent, String name) {
        JsonElement element = parent.get(name);
        return element != null && element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
    }

    private static double number(JsonElement element) {
        return element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber() ? Double.NaN
                : element.getAsDouble();
    }

    private static String text(JsonElement element) {
        return element == null || !element.isJsonPrimitive() ? "" : element.getAsString();
    }
}
