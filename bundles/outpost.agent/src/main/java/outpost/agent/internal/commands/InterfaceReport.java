package outpost.agent.internal.commands;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

import outpost.agent.internal.SystemMetrics;
import outpost.agent.internal.SystemMetrics.InterfaceRates;
import oshi.hardware.NetworkIF;

/**
 * One network interface as {@code net} and {@code sysinfo} show it: state, hardware address,
 * addresses with prefix lengths, counters since boot, and rates over the sampler's last window
 * ({@code rates} null until the interface has been sampled twice; {@code mac} null when it has none).
 */
record InterfaceReport(String name, boolean up, String operStatus, String mac, long mtu, long speedBitsPerSecond,
        List<Address> addresses, Counters rx, Counters tx, long rxDropped, long txCollisions, InterfaceRates rates) {

    record Address(String address, int prefixLength, boolean ipv6) {

        @Override
        public String toString() {
            return address + "/" + prefixLength;
        }
    }

    record Counters(long bytes, long packets, long errors) {
    }

    /** Every interface Java and OSHI enumerate, loopback included, with the sampler's latest rates. */
    static List<InterfaceReport> all(SystemMetrics metrics) {
        SystemMetrics.NetworkLoad load = metrics.networkLoad();
        List<InterfaceReport> reports = new ArrayList<>();
        for (NetworkIF network : metrics.hardware().getNetworkIFs(true)) {
            reports.add(of(network, load.rates().get(network.getName())));
        }
        return reports;
    }

    private static InterfaceReport of(NetworkIF network, InterfaceRates rates) {
        List<Address> addresses = new ArrayList<>();
        String[] ipv4 = network.getIPv4addr();
        Short[] masks = network.getSubnetMasks();
        for (int i = 0; i < ipv4.length; i++) {
            addresses.add(new Address(ipv4[i], i < masks.length ? masks[i] : -1, false));
        }
        String[] ipv6 = network.getIPv6addr();
        Short[] prefixes = network.getPrefixLengths();
        for (int i = 0; i < ipv6.length; i++) {
            addresses.add(new Address(ipv6[i], i < prefixes.length ? prefixes[i] : -1, true));
        }
        return new InterfaceReport(network.getName(), isUp(network.queryNetworkInterface()),
                network.getIfOperStatus().name().toLowerCase(java.util.Locale.ROOT), mac(network), network.getMTU(),
                network.getSpeed(), List.copyOf(addresses),
                new Counters(network.getBytesRecv(), network.getPacketsRecv(), network.getInErrors()),
                new Counters(network.getBytesSent(), network.getPacketsSent(), network.getOutErrors()),
                network.getInDrops(), network.getCollisions(), rates);
    }

    /** The hardware address, or null for interfaces without one (loopback, tunnels). */
    private static String mac(NetworkIF network) {
        String mac = network.getMacaddr();
        return mac == null || mac.isEmpty() || mac.equals("unknown") ? null : mac;
    }

    /** Up and running, as the kernel's interface flags say (IFF_UP and IFF_RUNNING). */
    private static boolean isUp(NetworkInterface network) {
        try {
            return network != null && network.isUp();
        } catch (SocketException gone) {
            return false; // the interface went away since it was listed
        }
    }
}
