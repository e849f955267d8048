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
 * A fleet may be spread over several such JVMs (OUTPOST_FLEET_JVMS), each hosting a range of agent
 * indexes, so names (agent-000 .. agent-1999), data folders and accounts stay unique. The JVM of the
 * range starting at 0 makes the shared token and certificate, and runs the echo server; the others wait
 * for them and copy them.
 *
 * java -cp 'PRODUCT/plugins/*' FleetHost.java N|FIRST..LAST WORK_DIR [BROKER_URL CA_FILE PASSWORD_FILE KEEP_ALIVE_S]
 * writes WORK_DIR/agents/I for each index I, and WORK_DIR/host-FIRST/{servers.csv,host.pid,ready} (the
 * range's rows of servers.csv, header included); the range from 0 also WORK_DIR/token and
 * WORK_DIR/echo.port. Exits when its standard input closes.
 */
public class FleetHost {

    /** How long a JVM of a later range waits for the first range's token and certificate. */
    private static final Duration TEMPLATE_WAIT = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        int first;
        int last;
        if (args[0].contains("..")) {
            first = Integer.parseInt(args[0].substring(0, args[0].indexOf("..")));
            last = Integer.parseInt(args[0].substring(args[0].indexOf("..") + 2));
        } else {
            first = 0;
            last = Integer.parseInt(args[0]) - 1;
        }
        Path work = Path.of(args[1]);
        Path out = Files.createDirectories(work.resolve("host-" + first));
        NettyTransport transport = new NettyTransport();
        SystemMetrics metrics = new SystemMetrics();
        AgentFactory factory = new AgentServerFactory(transport, metrics, List.of(new CpuCommand(metrics)));
        StringBuilder servers = new StringBuilder("name,host,port,group\n");
        List<StandaloneAgent> agents = new ArrayList<>();
        Path template = work.resolve("agents/0");
        Optional<BrokerSettings> broker = args.length > 2
                ? Optional.of(BrokerSettings.of(args[2], "fleet").withCaFile(Path.of(args[3]))
                        .withKeepAlive(Duration.ofSeconds(Long.parseLong(args[5]))))
                : Optional.empty();
        Path brokerPassword = args.length > 2 ? Path.of(args[4]) : null;
        String token = null;
        if (first == 0) {
            token = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("fleet-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
        } else {
            awaitTemplate(work);
        }
        for (int i = first; i <= last; i++) {
            Path data = Files.createDirectories(work.resolve("agents/" + i));
            if (i == 0) {
                Files.writeString(data.resolve("tokens.properties"), "fleet.sha256=" + sha256Hex(token)
                        + "\nfleet.roles=read\n");
            } else {
                for (String file : new String[] { "tokens.properties", "agent-identity.p12" }) {
                    Files.copy(template.resolve(file), data.resolve(file), StandardCopyOption.REPLACE_EXISTING);
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
            if (i == 0) {
                // the agent made its certificate: the other ranges' JVMs may copy it now (the token last, whole)
                Path partial = work.resolve("token.partial");
                Files.writeString(partial, token + "\n");
                Files.move(partial, work.resolve("token"), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.writeString(out.resolve("servers.csv"), servers);
        try (ServerSocket echo = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "echo");
                thread.setDaemon(true);
                return thread;
            });
            threads.execute(() -> accept(echo, threads));
            if (first == 0) {
                Files.writeString(work.resolve("echo.port"), Integer.toString(echo.getLocalPort()));
            }
            // the client bench reads our CPU time through it: the agents' share of the 2 cores
            Files.writeString(out.resolve("host.pid"), Long.toString(ProcessHandle.current().pid()));
            Files.writeString(out.resolve("ready"), agents.size() + " agents\n");
            System.out.println("fleet: " + agents.size() + " agents (" + first + ".." + last + ") listening; echo on "
                    + echo.getLocalPort());
            while (System.in.read() >= 0) {
                // runs until the script closes our input
            }
        }
        agents.forEach(StandaloneAgent::close);
        transport.deactivate();
    }

    /** Waits for the first range's JVM to write the token, which it does once agent 0's files are complete. */
    private static void awaitTemplate(Path work) throws Exception {
        long deadline = System.nanoTime() + TEMPLATE_WAIT.toNanos();
        while (!Files.exists(work.resolve("token"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + work.resolve("token") + " within " + TEMPLATE_WAIT
                        + ": is the JVM of the range from 0 running?");
            }
            Thread.sleep(100);
        }
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
