package outpost.agent.internal.commands;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * {@code sysinfo}: everything at once as one JSON object, for scripts and dashboards. The fields
 * are documented in docs/SYSINFO.md; sizes are in bytes, times ISO-8601 UTC, percentages 0-100,
 * and a figure that does not exist yet (CPU before the first sampling window) is null.
 */
@Component(service = AgentCommand.class)
public final class SysinfoCommand implements AgentCommand {

    /** Bumped when a field changes meaning or goes away; adding fields keeps it. */
    static final int SCHEMA = 1;

    /** Made on the first {@code sysinfo}, not at activation: Gson's adapters are over 100 classes an idle agent never needs. */
    private static final class Json {
        static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
    }

    private final SystemMetrics metrics;

    @Activate
    public SysinfoCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "sysinfo";
    }

    @Override
    public String help() {
        return "everything at once as JSON: os, host name, addresses, cpu, memory, disks, uptime, net";
    }

    @Override
    public int execute(CommandContext context) {
        List<InterfaceReport> interfaces = InterfaceReport.all(metrics);
        OperatingSystem os = metrics.operatingSystem();
        JsonObject report = new JsonObject();
        report.addProperty("schema", SCHEMA);
        report.addProperty("time", Instant.now().toString());
        report.addProperty("hostName", metrics.hostName());
        report.add("os", os(os));
        report.addProperty("uptimeSeconds", os.getSystemUptime());
        report.addProperty("bootTime", Instant.ofEpochSecond(os.getSystemBootTime()).toString());
        report.add("addresses", addresses(interfaces));
        report.add("cpu", cpu());
        report.add("memory", memory());
        report.add("disks", disks(os));
        report.add("net", net(interfaces));
        context.stdout(Json.GSON.toJson(report));
        return 0;
    }

    private static JsonObject os(OperatingSystem os) {
        OperatingSystem.OSVersionInfo version = os.getVersionInfo();
        JsonObject json = new JsonObject();
        json.addProperty("family", os.getFamily());
        json.addProperty("version", version.getVersion());
        json.addProperty("codeName", version.getCodeName());
        json.addProperty("kernel", version.getBuildNumber());
        json.addProperty("architecture", System.getProperty("os.arch"));
        json.addProperty("bitness", os.getBitness());
        return json;
    }

    /** The machine's own addresses: those of interfaces that are up, loopback left out. */
    private static JsonArray addresses(List<InterfaceReport> interfaces) {
        JsonArray json = new JsonArray();
        for (InterfaceReport network : interfaces) {
            if (!network.up()) {
                continue;
            }
            for (InterfaceReport.Address address : network.addresses()) {
                if (!isLoopback(address.address())) {
                    JsonObject entry = address(address);
                    entry.addProperty("interface", network.name());
                    json.add(entry);
                }
            }
        }
        return json;
    }

    private JsonObject cpu() {
        CentralProcessor processor = metrics.processor();
        SystemMetrics.CpuLoad load = metrics.cpuLoad();
        JsonObject json = new JsonObject();
        json.addProperty("model", processor.getProcessorIdentifier().getName().strip());
        json.addProperty("logicalCores", processor.getLogicalProcessorCount());
        json.addProperty("physicalCores", processor.getPhysicalProcessorCount());
        json.add("usagePercent", percent(load.total()));
        JsonArray perCore = new JsonArray();
        for (double core : load.perCore()) {
            perCore.add(percent(core));
        }
        json.add("perCorePercent", perCore);
        json.add("windowSeconds", Double.isNaN(load.total()) ? JsonNull.INSTANCE : seconds(load.window().toNanos()));
        json.addProperty("measuredAt", load.measuredAt().toString());
        double[] averages = load.loadAverages();
        if (averages.length == 3 && averages[0] >= 0) {
            JsonArray list = new JsonArray();
            for (double average : averages) {
                list.add(Math.round(average * 100) / 100.0);
            }
            json.add("loadAverages", list);
        } else {
            json.add("loadAverages", JsonNull.INSTANCE); // Windows has none
        }
        return json;
    }

    private JsonObject memory() {
        GlobalMemory memory = metrics.memory();
        long total = memory.getTotal();
        long available = memory.getAvailable();
        JsonObject json = new JsonObject();
        json.addProperty("totalBytes", total);
        json.addProperty("availableBytes", available);
        json.addProperty("usedBytes", total - available);
        json.addProperty("swapTotalBytes", memory.getVirtualMemory().getSwapTotal());
        json.addProperty("swapUsedBytes", memory.getVirtualMemory().getSwapUsed());
        return json;
    }

    private static JsonArray disks(OperatingSystem os) {
        JsonArray json = new JsonArray();
        for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
            long total = store.getTotalSpace();
            if (total <= 0) {
                continue; // pseudo file systems
            }
            JsonObject disk = new JsonObject();
            disk.addProperty("mount", store.getMount());
            disk.addProperty("type", store.getType());
            disk.addProperty("device", store.getVolume());
            disk.addProperty("totalBytes", total);
            disk.addProperty("usedBytes", total - store.getFreeSpace());
            disk.addProperty("availableBytes", store.getUsableSpace());
            json.add(disk);
        }
        return json;
    }

    private JsonObject net(List<InterfaceReport> interfaces) {
        SystemMetrics.NetworkLoad load = metrics.networkLoad();
        JsonObject json = new JsonObject();
        json.add("windowSeconds", load.window().isZero() ? JsonNull.INSTANCE : seconds(load.window().toNanos()));
        json.addProperty("measuredAt", load.measuredAt().toString());
        JsonArray list = new JsonArray();
        for (InterfaceReport network : interfaces) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", network.name());
            entry.addProperty("up", network.up());
            entry.addProperty("link", network.operStatus());
            entry.addProperty("mac", network.mac());
            entry.addProperty("mtu", network.mtu());
            entry.addProperty("speedBitsPerSecond", network.speedBitsPerSecond());
            JsonArray addresses = new JsonArray();
            network.addresses().forEach(address -> addresses.add(address(address)));
            entry.add("addresses", addresses);
            SystemMetrics.InterfaceRates rates = network.rates();
            JsonObject rx = traffic(network.rx(), rates == null ? null : rates.rxBytesPerSecond(),
                    rates == null ? null : rates.rxPacketsPerSecond());
            rx.addProperty("dropped", network.rxDropped());
            JsonObject tx = traffic(network.tx(), rates == null ? null : rates.txBytesPerSecond(),
                    rates == null ? null : rates.txPacketsPerSecond());
            tx.addProperty("collisions", network.txCollisions());
            entry.add("rx", rx);
            entry.add("tx", tx);
            list.add(entry);
        }
        json.add("interfaces", list);
        return json;
    }

    private static JsonObject traffic(InterfaceReport.Counters counters, Double bytesPerSecond, Double packetsPerSecond) {
        JsonObject json = new JsonObject();
        json.addProperty("bytes", counters.bytes());
        json.addProperty("packets", counters.packets());
        json.addProperty("errors", counters.errors());
        json.addProperty("bytesPerSecond", bytesPerSecond == null ? null : Math.round(bytesPerSecond * 10) / 10.0);
        json.addProperty("packetsPerSecond", packetsPerSecond == null ? null : Math.round(packetsPerSecond * 10) / 10.0);
        return json;
    }

    private static JsonObject address(InterfaceReport.Address address) {
        JsonObject json = new JsonObject();
        json.addProperty("address", address.address());
        json.addProperty("prefixLength", address.prefixLength());
        json.addProperty("family", address.ipv6() ? "ipv6" : "ipv4");
        return json;
    }

    private static JsonElement percent(double fraction) {
        return Double.isNaN(fraction) ? JsonNull.INSTANCE : new JsonPrimitive(Math.round(fraction * 1000) / 10.0);
    }

    private static JsonPrimitive seconds(long nanos) {
        return new JsonPrimitive(Math.round(nanos / 1e6) / 1000.0);
    }

    /** Addresses come from the interfaces as literals, so this parses without any name lookup. */
    private static boolean isLoopback(String literal) {
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
