package outpost.cli.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.AgentCommand;
import outpost.agent.AgentSettings;
import outpost.agent.ShellPolicy;
import outpost.agent.internal.AgentServer;
import outpost.agent.internal.SystemMetrics;
import outpost.transport.Transport;

/**
 * Several real agents in this framework: the Agent service is one listener, so the fleet builds
 * more {@link AgentServer}s (its constructor for agents made outside DS, with the transport and
 * metrics services, then its command reference's bind method, which DS also calls reflectively)
 * and starts each on a port of its own. They share the transport's event loop, the
 * commands, and one token and certificate (copied into each agent's data folder).
 */
final class AgentFleet implements AutoCloseable {

    static final String TOKEN = "fleet-token-for-tests";

    private final List<AgentServer> agents = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();

    static AgentFleet start(int count, Path folder, ShellPolicy shell) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(AgentFleet.class).getBundleContext();
        Transport transport = service(context, Transport.class);
        SystemMetrics metrics = service(context, SystemMetrics.class);
        ServiceTracker<AgentCommand, AgentCommand> commands = new ServiceTracker<>(context, AgentCommand.class, null);
        commands.open();
        AgentFleet fleet = new AgentFleet();
        try {
            Method bind = AgentServer.class.getDeclaredMethod("addCommand", AgentCommand.class);
            bind.setAccessible(true);
            Path first = null;
            for (int i = 0; i < count; i++) {
                Path data = Files.createDirectories(folder.resolve("agent-" + i));
                if (first == null) {
                    Files.writeString(data.resolve("tokens.properties"), "fleet.sha256=" + sha256Hex(TOKEN)
                            + "\nfleet.roles=read,execute\n");
                    first = data;
                } else {
                    for (String file : new String[] { "tokens.properties", "agent-identity.p12" }) {
                        Files.copy(first.resolve(file), data.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                AgentServer agent = new AgentServer(transport, metrics);
                fleet.agents.add(agent);
                for (AgentCommand command : commands.getServices(new AgentCommand[0])) {
                    bind.invoke(agent, command);
                }
                AgentSettings settings = AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                        .withShell(shell, java.time.Duration.ofSeconds(60), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
                fleet.addresses.add(agent.start(settings).address());
            }
            return fleet;
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        } finally {
            commands.close();
        }
    }

    List<InetSocketAddress> addresses() {
        return addresses;
    }

    /** Stops one agent: its port then refuses connections. */
    void stop(int index) {
        agents.get(index).stop();
    }

    @Override
    public void close() throws Exception {
        Method deactivate = AgentServer.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        for (AgentServer agent : agents) {
            deactivate.invoke(agent); // stops it and its worker and timer threads
        }
    }

    static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        assertNotNull(service, type.getSimpleName() + " service not available");
        return service;
    }

    static Path writeToken(Path folder) throws IOException {
        return Files.writeString(folder.resolve("token"), TOKEN + "\n");
    }
}
