package outpost.agent.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's host name, as the kernel knows it (not a reverse DNS lookup). */
public final class HostName {

    private static final Path LINUX_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private HostName() {
    }

    public static String current() {
        try {
            if (Files.isReadable(LINUX_HOSTNAME)) {
                return Files.readString(LINUX_HOSTNAME, StandardCharsets.US_ASCII).strip();
            }
            String fromEnvironment = System.getenv("COMPUTERNAME");
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return fromEnvironment;
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
