package outpost.agent.internal.commands;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.internal.SystemMetrics;
import oshi.hardware.NetworkIF;

/**
 * {@code ip}: every network interface with its addresses, as the interfaces report them (not the
 * address the host name resolves to, which is 127.0.1.1 on Debian). Not a quick command: listing
 * the interfaces reads several files per interface (milliseconds), too long for an event loop.
 */
@Component(service = AgentCommand.class)
public final class IpCommand implements AgentCommand {

    private final SystemMetrics metrics;

    @Activate
    public IpCommand(@Reference SystemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "ip";
    }

    @Override
    public String help() {
        return "network interfaces and their IPv4 and IPv6 addresses";
    }

    @Override
    public int execute(CommandContext context) {
        List<NetworkIF> interfaces = metrics.hardware().getNetworkIFs(true);
        StringBuilder text = new StringBuilder();
        for (NetworkIF network : interfaces) {
            if (network.getIPv4addr().length == 0 && network.getIPv6addr().length == 0) {
                continue;
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(network.getName()).append(":");
            for (String address : network.getIPv4addr()) {
                text.append(' ').append(address);
            }
            for (String address : network.getIPv6addr()) {
                text.append(' ').append(address);
            }
        }
        context.stdout(text.length() == 0 ? "no interface has an address" : text.toString());
        return 0;
    }
}
