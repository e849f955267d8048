package outpost.cli.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
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
import java.util.Optional;
import java.util.function.IntFunction;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.AgentFactory;
import outpost.agent.AgentFactory.StandaloneAgent;
import outpost.agent.AgentSettings;
import outpost.agent.BrokerMode;
import outpost.agent.ShellPolicy;

/**
 * Several real agents in this framework: the Agent service is one listener, so the fleet has the
 * agent bundle's {@link AgentFactory} make more and starts each on a port of its own. They share the
 * transport's event loop, the commands, and one token and certificate (copied into each agent's
 * data folder).
 */
final class AgentFleet implements AutoCloseable {

    static final String TOKEN = "fleet-token-for-tests";

    private final List<StandaloneAgent> agents = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final List<String> fingerprints = new ArrayList<>();

    static AgentFleet start(int count, Path folder, ShellPolicy shell) throws Exception {
        return start(count, folder, shell, index -> Optional.empty());
    }

    /** Agents that also serve sessions through a broker, {@code broker} giving agent {@code i}'s broker mode. */
    static AgentFleet start(int count, Path folder, ShellPolicy shell, IntFunction<Optional<BrokerMode>> broker)
            throws Exception {
        BundleContext context = FrameworkUtil.getBundle(AgentFleet.class).getBundleContext();
        AgentFactory factory = service(context, AgentFactory.class);
        AgentFleet fleet = new AgentFleet();
        try {
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
                StandaloneAgent agent = factory.create(name -> true);
                fleet.agents.add(agent);
                AgentSettings settings = AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                        .withShell(shell, java.time.Duration.ofSeconds(60), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES)
                        .withBroker(broker.apply(i));
                outpost.agent.Agent.AgentStartup started = agent.start(settings);
                fleet.addresses.add(started.address());
                fleet.fingerprints.add(started.fingerprint().orElse(""));
            }
            return fleet;
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
    }

    List<InetSocketAddress> addresses() {
        return addresses;
    }

    /** The agents' certificate fingerprints (one certificate, copied to each). */
    List<String> fingerprints() {
        return fingerprints;
    }

    /** Stops one agent: its port then refuses connections. */
    void stop(int index) {
        agents.get(index).stop();
    }

    @Override
    public void close() {
        agents.forEach(StandaloneAgent::close); // stops each and its worker and timer threads
    }

    static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The client's services in this framework, as CliApplication takes them. */
    static ClientServices services(BundleContext context) throws InterruptedException {
        return new ClientServices(service(context, outpost.client.SessionFactory.class),
                service(context, outpost.transport.Transport.class));
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
