package outpost.agent.internal.commands;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** What the JDK and the Linux kernel say about the machine's interfaces, to check net and sysinfo against. */
final class NetworkTruth {

    private NetworkTruth() {
    }

    static Set<String> interfaceNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            names.add(network.getName());
        }
        return names;
    }

    /** "address/prefix" for each address of the interface, addresses in the JDK's canonical form. */
    static Set<String> addresses(NetworkInterface network) throws UnknownHostException {
        Set<String> addresses = new HashSet<>();
        for (InterfaceAddress address : network.getInterfaceAddresses()) {
            addresses.add(canonical(address.getAddress().getHostAddress()) + "/" + address.getNetworkPrefixLength());
        }
        return addresses;
    }

    /** The same address whatever its spelling (IPv6 zero compression, scope suffix). */
    static String canonical(String literal) throws UnknownHostException {
        int scope = literal.indexOf('%');
        return InetAddress.getByName(scope < 0 ? literal : literal.substring(0, scope)).getHostAddress();
    }

    /** One of the kernel's counters of an interface, e.g. rx_bytes. */
    static long statistic(String name, String counter) throws IOException {
        return Long.parseLong(Files.readString(Path.of("/sys/class/net", name, "statistics", counter)).strip());
    }
}
