import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import outpost.agent.AgentFactory;
import outpost.agent.AgentFactory.StandaloneAgent;
import outpost.agent.AgentSettings;
import outpost.agent.BrokerMode;
import outpost.agent.internal.AgentServerFactory;
import outpost.agent.internal.SystemMetrics;
import outpost.agent.internal.commands.CpuCommand;
import outpost.broker.BrokerSettings;
import outpost.transport.internal.NettyTransport;

/**
 * The fleet of releng/benchmark-fleet: N real agent listeners in one JVM, on loopback, plus a framed
 * echo server (the raw-TCP floor). Runs on a plain class path of the agent product's plug-ins: the
 * agents come from the agent bundle's factory, made for hosts without a framework, all sharing one
 * transport and the {@code cpu} command. Each has a data folder of its own (its
 * audit log) holding copies of one token store and one certificate.
 *
 * With a broker (releng/benchmark-fleet, OUTPOST_FLEET_BROKER=1) each agent also runs in broker mode,
 * its agent id (and broker account, all sharing one password file) being its name in servers.csv.
 *
 * java -cp 'PRODUCT/plugins/*' FleetHost.java N WORK_DIR [BROKER_URL CA_FILE PASSWORD_FILE KEEP_ALIVE_S]
 * writes WORK_DIR/servers.csv, WORK_DIR/token, WORK_DIR/echo.port, WORK_DIR/host.pid, then WORK_DIR/ready; exits when
 * its standard input closes.
 */
public class FleetHost {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        String token = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("fleet-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
        NettyTransport transport = new NettyTransport();
        SystemMetrics metrics = new SystemMetrics();
        AgentFactory factory = new AgentServerFactory(transport, metrics, List.of(new CpuCommand(metrics)));
        StringBuilder servers = new StringBuilder("name,host,port,group\n");
        List<StandaloneAgent> agents = new ArrayList<>();
        Path first = null;
        Optional<BrokerSettings> broker = args.length > 2
                ? Optional.of(BrokerSettings.of(args[2], "fleet").withCaFile(Path.of(args[3]))
                        .withKeepAlive(Duration.ofSeconds(Long.parseLong(args[5]))))
                : Optional.empty();
        Path brokerPassword = args.length > 2 ? Path.of(args[4]) : null;
        for (int i = 0; i < count; i++) {
            Path data = Files.createDirectories(work.resolve("agents/" + i));
            if (first == null) {
                Files.writeString(data.resolve("tokens.properties"), "fleet.sha256=" + sha256Hex(token)
                        + "\nfleet.roles=read\n");
                first = data;
            } else {
                for (String file : new String[] { "tokens.properties", "agent-identity.p12" }) {
                    Files.copy(first.resolve(file), data.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String id = String.format("agent-%03d", i);
            StandaloneAgent agent = factory.create(name -> true);
            AgentSettings settings = AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                    .withBroker(broker.map(link -> new BrokerMode(new BrokerSettings(link.url(), id, Optional.of(id),
                            Optional.of(brokerPassword), link.caFile(), link.fingerprint(), link.keepAlive()), Duration.ZERO)));
            InetSocketAddress address = agent.start(settings).address();
            agents.add(agent);
            servers.append(String.format("%s,127.0.0.1,%d,%s%n", id, address.getPort(), i % 2 == 0 ? "even" : "odd"));
        }
        Files.writeString(work.resolve("servers.csv"), servers);
        Files.writeString(work.resolve("token"), token + "\n");
        try (ServerSocket echo = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "echo");
                thread.setDaemon(true);
                return thread;
            });
            threads.execute(() -> accept(echo, threads));
            Files.writeString(work.resolve("echo.port"), Integer.toString(echo.getLocalPort()));
            // the client bench reads our CPU time through it: the agents' share of the 2 cores
            Files.writeString(work.resolve("host.pid"), Long.toString(ProcessHandle.current().pid()));
            Files.writeString(work.resolve("ready"), count + " agents\n");
            System.out.println("fleet: " + count + " agents listening; echo on " + echo.getLocalPort());
            while (System.in.read() >= 0) {
                // runs until the script closes our input
            }
        }
        agents.forEach(StandaloneAgent::close);
        transport.deactivate();
    }

    private static void accept(ServerSocket server, ExecutorService threads) {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connection.setTcpNoDelay(true);
                threads.execute(() -> echo(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Echoes length-prefixed frames back, as the protocol benchmark's floor does. */
    private static void echo(Socket connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                out.writeInt(payload.length);
                out.write(payload);
                out.flush();
            }
        } catch (IOException e) {
            // client gone
        }
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
