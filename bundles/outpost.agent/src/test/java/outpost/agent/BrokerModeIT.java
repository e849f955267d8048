package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.internal.AdministrationCommands;
import outpost.broker.AgentState;
import outpost.broker.BrokerClient;
import outpost.broker.BrokerSettings;
import outpost.broker.FleetListener;
import outpost.metrics.MetricSample;
import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Cancel;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Output;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.testing.Conditions;
import outpost.testing.MosquittoBroker;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Fingerprints;
import outpost.transport.Limits;
import outpost.transport.MessageHandler;
import outpost.transport.PeerError;
import outpost.transport.Transport;

/**
 * The agent in broker mode against a real Mosquitto with the shipped ACL: it announces itself, and
 * sessions that consoles open through the broker get the same TLS, token, dispatcher and audit as
 * direct ones.
 */
class BrokerModeIT {

    private static final String AGENT_ID = "agent-it";
    private MosquittoBroker broker;
    private Agent agent;
    private Transport transport;
    private Path data;
    private String fingerprint;
    private final List<BrokerClient> consoles = new CopyOnWriteArrayList<>();
    private final List<MetricSample> samples = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBrokerAndAgent() throws Exception {
        broker = new MosquittoBroker(MosquittoBroker.shippedAcl())
                .addAccount(AGENT_ID, "agent-secret")
                .addAccount("console-1", "console-secret")
                .addAccount("console-2", "other-secret")
                .start();
        agent = service(Agent.class);
        transport = service(Transport.class);
        data = Files.createTempDirectory("outpost-broker-it");
        BrokerSettings link = account(AGENT_ID, "agent-secret");
        AgentSettings settings = AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withLimits(16, 8, Duration.ofSeconds(5), Duration.ofSeconds(30))
                .withBroker(Optional.of(new BrokerMode(link, Duration.ofSeconds(1))));
        fingerprint = agent.start(settings).fingerprint().orElseThrow();
    }

    @AfterEach
    void stopAll() throws Exception {
        consoles.forEach(BrokerClient::close);
        agent.stop();
        broker.close();
    }

    private BrokerSettings account(String user, String password) throws IOException {
        return BrokerSettings.of(broker.url(), user).withAccount(user, broker.passwordFile(user, password))
                .withCaFile(broker.caFile()).withKeepAlive(Duration.ofSeconds(5));
    }

    private BrokerClient console(String user, String password) throws Exception {
        BrokerClient console = BrokerClient.connect(transport, account(user, password), Duration.ofSeconds(20));
        consoles.add(console);
        console.addFleetListener(new FleetListener() {
            @Override
            public void changed(AgentState state) {
            }

            @Override
            public void sampled(String agentId, MetricSample sample) {
                samples.add(sample);
            }
        });
        Conditions.waitUntil("the agent online in the directory",
                () -> console.agent(AGENT_ID).filter(AgentState::online).isPresent());
        return console;
    }

    /** A session to the agent through the broker, its certificate pinned to the fingerprint the agent announced. */
    private Connection open(BrokerClient console, BlockingQueue<Message> received) throws IOException {
        String announced = console.agent(AGENT_ID).orElseThrow().fingerprint();
        return console.open(AGENT_ID, new ConnectSettings(AGENT_ID, 0, Duration.ofSeconds(20), Optional.of((host, port, certificate) -> {
            if (!Fingerprints.sha256(certificate).equals(announced)) {
                throw new CertificateException("not the announced certificate");
            }
        }), Limits.DEFAULT), collector(received));
    }

    @Test
    void theAgentAnnouncesItselfWithItsFingerprintAndGoesOfflineWhenStopped() throws Exception {
        BrokerClient console = console("console-1", "console-secret");
        AgentState state = console.agent(AGENT_ID).orElseThrow();
        assertEquals(fingerprint, state.fingerprint());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), state.host());
        assertFalse(state.version().isEmpty());
        assertTrue(state.os().startsWith("Linux"), state.os());
        String status = service(AdministrationCommands.class).status(); // outpost:status
        assertTrue(status.contains("broker      " + broker.url() + " as agent-it, connected, 0 sessions"), status);
        Conditions.waitUntil("a metric sample (broker.metrics.seconds = 1)", () -> !samples.isEmpty());
        assertNotNull(samples.get(0).cpu(), "a whole sample, CPU included");

        agent.stop();
        Conditions.waitUntil("offline once stopped", () -> console.agent(AGENT_ID).filter(s -> !s.online()).isPresent());
    }

    @Test
    void aConsoleRunsCommandsThroughTheBrokerAndTheAuditNamesTheBrokerClient() throws Exception {
        BrokerClient console = console("console-1", "console-secret");
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        Connection session = open(console, received);
        assertInstanceOf(Hello.class, next(received));
        session.send(Auth.current(Files.readString(data.resolve("token")).strip()));
        assertInstanceOf(AuthOk.class, next(received));

        session.send(new Request(1, "cpu"));
        assertTrue(assertInstanceOf(Output.class, next(received)).text().startsWith("CPU: "));
        assertEquals(ResultStatus.OK, assertInstanceOf(Result.class, next(received)).status());

        session.send(new Request(2, "ping 127.0.0.1 1"));
        Result ping = resultOf(received, 2);
        if (Files.isExecutable(Path.of("/usr/bin/ping")) || Files.isExecutable(Path.of("/bin/ping"))) {
            assertEquals(ResultStatus.OK, ping.status(), ping.toString());
        } else { // the command ran through the broker and found no system ping to start
            assertTrue(ping.message().contains("cannot run ping"), ping.message());
        }

        session.send(new Request(3, "watch 1 cpu"));
        Output first = assertInstanceOf(Output.class, next(received));
        assertEquals(3, first.id());
        session.send(new Cancel(3));
        assertEquals(ResultStatus.CANCELLED, resultOf(received, 3).status());
        String clients = service(AdministrationCommands.class).clients(); // outpost:clients
        assertTrue(clients.lines().anyMatch(line -> line.startsWith("broker client console-1 ") && line.contains(" admin ")),
                clients);
        session.close();

        Path audit = data.resolve("audit.log.0");
        Conditions.waitUntil("the audit of the cancelled watch", () -> read(audit).contains("command=watch 1 cpu"));
        String lines = read(audit);
        assertTrue(lines.contains("peer=broker client console-1 token=admin status=OK exit=0 ") && lines.contains("command=cpu"),
                lines);
        assertTrue(lines.contains("peer=broker client console-1 token=admin status=CANCELLED"), lines);
    }

    @Test
    void aBrokerClientWithoutTheAgentsTokenRunsNothing() throws Exception {
        BrokerClient stranger = console("console-2", "other-secret");
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        Connection session = open(stranger, received);
        assertInstanceOf(Hello.class, next(received));
        session.send(new Request(1, "cpu"));
        assertEquals(ErrorCode.AUTH_REQUIRED, assertInstanceOf(ErrorReport.class, next(received)).code());

        BlockingQueue<Message> again = new LinkedBlockingQueue<>();
        Connection guess = open(stranger, again);
        assertInstanceOf(Hello.class, next(again));
        guess.send(Auth.current("not-the-token"));
        assertEquals(ErrorCode.AUTH_FAILED, assertInstanceOf(ErrorReport.class, next(again)).code());
        Path audit = data.resolve("audit.log.0");
        Conditions.waitUntil("the failure audited", () -> read(audit).contains("peer=broker client console-2 authentication failed"));
        assertFalse(read(audit).contains("command="), "nothing ran");
    }

    private static Result resultOf(BlockingQueue<Message> received, int id) throws InterruptedException {
        while (true) {
            if (next(received) instanceof Result result && result.id() == id) {
                return result;
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException notYet) {
            return "";
        }
    }

    private static Message next(BlockingQueue<Message> received) throws InterruptedException {
        Message message = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(message, "nothing from the agent within 20 s");
        return message;
    }

    private static MessageHandler collector(BlockingQueue<Message> received) {
        return new MessageHandler() {
            @Override
            public void received(Connection connection, Message message) {
                received.add(message);
            }

            @Override
            public void closed(Connection connection, Throwable cause) {
                if (cause instanceof PeerError fatal) {
                    received.add(fatal.report()); // the transport ends the connection with a fatal ERROR
                }
            }
        };
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(FrameworkUtil.getBundle(BrokerModeIT.class).getBundleContext(),
                type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        assertNotNull(service, type.getSimpleName() + " service not available");
        return service;
    }
}
