package outpost.agent.internal.commands;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;

/**
 * {@code net}: every network interface with its state, MAC, MTU, addresses, bytes, packets and
 * errors received and sent since boot, and the rates over the sampler's last window.
 */
@Component(service = AgentCommand.class)
public final class NetCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public NetCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "net";
    }

    @Override
    public String help() {
        return "network interfaces: state, MAC, addresses, traffic and errors, rates over the last sampling window";
    }

    @Override
    public int execute(CommandContext context) {
        List<InterfaceReport> interfaces = InterfaceReport.all(metrics);
        SystemMetrics.NetworkLoad load = metrics.networkLoad();
        StringBuilder text = new StringBuilder();
        for (InterfaceReport network : interfaces) {
            text.append(network.name()).append(": ").append(network.up() ? "up" : "down")
                    .append(" (link ").append(network.operStatus()).append("), ")
                    .append(network.mac() == null ? "no MAC" : "MAC " + network.mac())
                    .append(", MTU ").append(network.mtu());
            if (network.speedBitsPerSecond() > 0) {
                text.append(", ").append(network.speedBitsPerSecond() / 1_000_000).append(" Mbit/s");
            }
            text.append("\n  addresses:");
            if (network.addresses().isEmpty()) {
                text.append(" none");
            }
            network.addresses().forEach(address -> text.append(' ').append(address));
            SystemMetrics.InterfaceRates rates = network.rates();
            appendTraffic(text, "RX", network.rx(), network.rxDropped() + " dropped",
                    rates == null ? Double.NaN : rates.rxBytesPerSecond(), rates == null ? Double.NaN : rates.rxPacketsPerSecond());
            appendTraffic(text, "TX", network.tx(), network.txCollisions() + " collisions",
                    rates == null ? Double.NaN : rates.txBytesPerSecond(), rates == null ? Double.NaN : rates.txPacketsPerSecond());
            text.append('\n');
        }
        if (interfaces.isEmpty()) {
            text.append("no network interface\n");
        }
        text.append(load.window().isZero() ? "Rates: n/a until the first sampling window has passed"
                : "Rates " + Windows.describe(load.window(), load.measuredAt()));
        context.stdout(text.toString());
        return 0;
    }

    private static void appendTraffic(StringBuilder text, String direction, InterfaceReport.Counters counters, String more,
            double bytesPerSecond, double packetsPerSecond) {
        text.append("\n  ").append(direction).append(' ').append(counters.bytes()).append(" bytes (")
                .append(Sizes.binary(counters.bytes())).append("), ").append(counters.packets()).append(" packets, ")
                .append(counters.errors()).append(" errors, ").append(more).append("; ");
        if (Double.isNaN(bytesPerSecond)) {
            text.append("rate n/a (sampling)");
        } else {
            text.append(Sizes.binary(Math.round(bytesPerSecond))).append("/s, ")
                    .append(Decimals.fixed(packetsPerSecond, 1)).append(" packets/s");
        }
    }
}
