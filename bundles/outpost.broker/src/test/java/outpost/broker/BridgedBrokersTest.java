package outpost.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static outpost.broker.PinnedSessions.next;
import static outpost.broker.PinnedSessions.send;

import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.testing.Conditions;
import outpost.testing.LoopbackProxy;
import outpost.testing.MosquittoBroker;
import outpost.transport.Connection;
import outpost.transport.Limits;
import outpost.transport.MessageHandler;
import outpost.transport.TlsEngine;
import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;
import outpost.transport.TunnelListener;
import outpost.transport.TunnelListenerSettings;
import outpost.transport.internal.NettyTransport;

/**
 * Beyond one broker with Mosquitto's own federation: broker B is bridged to broker A by the shipped
 * releng/broker/bridge.conf.example (TLS to A, MQTT 5, A's shipped ACL granting the bridge's account
 * outpost/v1/#), both with TLS and the shipped ACL, both real processes on loopback. The agent is on
 * A, the console on B.
 * <p>
 * What the bridge does not do, and these tests do not claim: it is one MQTT client of A, so it keeps
 * the order of the messages on one topic at QoS 1 as any client does, but a bridge that drops and
 * reconnects may deliver a QoS 1 message again, and a repeated TLS record breaks its session (the
 * console opens a new one). While the bridge is down, B's consoles keep the last states A relayed,
 * "online" too, for agents they cannot reach: nothing tells them the bridge is down (B publishes that
 * only on its own $SYS topic), and sessions across it stall. None of this is tested here: neither a
 * bridge that drops nor one that restarts. Accounts are one namespace across both brokers: a console
 * id must not be used on both, since each broker's ACL only knows its own accounts.
 */
class BridgedBrokersTest {

    private MosquittoBroker brokerA;
    private MosquittoBroker brokerB;
    private LoopbackProxy network;
    private final NettyTransport transport = new NettyTransport();
    private final List<String> peers = new CopyOnWriteArrayList<>();
    private TlsIdentity identity;
    private TunnelListener tunnels;
    private AgentLink agent;

    @BeforeEach
    void start() throws Exception {
        brokerA = new MosquittoBroker(MosquittoBroker.shippedAcl())
                .addAccount("agent-a", "secret-a")
                .addAccount("bridge-b", "secret-bridge")
                .start();
        brokerB = new MosquittoBroker(MosquittoBroker.shippedAcl())
                .addAccount("console-1", "secret-c")
                .bridgeTo(brokerA, "secret-bridge")
                .start();
        identity = TlsIdentities.generate("agent-a");
        tunnels = transport.listenTunnels(new TunnelListenerSettings(Optional.of(identity), Limits.DEFAULT, 8, TlsEngine.AUTO),
                this::accepted);
        network = new LoopbackProxy(brokerA.port()); // the agent's network to A, which the first test cuts
        agent = AgentLink.start(account(brokerA, "ssl://127.0.0.1:" + network.port(), "agent-a", "secret-a"),
                new AgentState("agent-a", true, "web-1", "Linux", "1", identity.fingerprint(), Instant.now()), tunnels,
                Optional.empty());
        Conditions.waitUntil("the agent connected to A", agent::isConnected);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        network.close();
        tunnels.close();
        transport.deactivate();
        brokerB.close();
        brokerA.close();
    }

    private static BrokerSettings account(MosquittoBroker broker, String url, String user, String password) throws IOException {
        return BrokerSettings.of(url, user).withAccount(user, broker.passwordFile(user, password))
                .withCaFile(broker.caFile()).withKeepAlive(Duration.ofSeconds(5));
    }

    private BrokerClient consoleOnB() throws IOException {
        return BrokerClient.connect(transport, account(brokerB, brokerB.url(), "console-1", "secret-c"), Duration.ofSeconds(20));
    }

    @Test
    void aConsoleOnBSeesTheRetainedStateOfAnAgentOnAAndItsWill() throws Exception {
        try (BrokerClient first = consoleOnB()) {
            Conditions.waitUntil("agent-a's state on B", () -> first.agent("agent-a").filter(AgentState::online).isPresent());
        }
        // connected after the state reached B: only B's retained copy can tell it
        try (BrokerClient console = consoleOnB()) {
            Conditions.waitUntil("the retained state on B", () -> console.agent("agent-a").isPresent());
            AgentState state = console.agent("agent-a").orElseThrow();
            assertTrue(state.online());
            assertEquals(identity.fingerprint(), state.fingerprint());
            assertEquals("web-1", state.host());

            network.close(); // no DISCONNECT reaches A, and the agent cannot come back: A publishes the will
            Conditions.waitUntil("the will on B: offline", () -> console.agent("agent-a").filter(s -> !s.online()).isPresent());
            assertEquals(identity.fingerprint(), console.agent("agent-a").orElseThrow().fingerprint());
        }
        // the will crossed the bridge while it was up, yet B retained it (MQTT 5's retain-as-published)
        try (BrokerClient later = consoleOnB()) {
            Conditions.waitUntil("the retained will on B", () -> later.agent("agent-a").isPresent());
            assertFalse(later.agent("agent-a").orElseThrow().online());
        }
    }

    @Test
    void aSessionFromBToTheAgentOnACarriesFramesBothWays() throws Exception {
        try (BrokerClient console = consoleOnB()) {
            Conditions.waitUntil("agent-a online on B", () -> console.agent("agent-a").filter(AgentState::online).isPresent());
            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            Connection session = PinnedSessions.open(console, "agent-a", identity.fingerprint(), received);
            assertInstanceOf(Hello.class, next(received));
            session.send(new Request(1, "echo across"));
            assertEquals("echo across", assertInstanceOf(Output.class, next(received)).text());
            assertInstanceOf(Result.class, next(received));
            assertEquals(List.of("broker client console-1"), peers, "B's ACL vouched for the console id, A's agent names it");
            session.close();
            Conditions.waitUntil("the agent's session closed", () -> agent.sessions() == 0);
        }
    }

    /** The agent's side: HELLO, then each request's command as its output and a result. */
    private MessageHandler accepted(Connection connection) {
        peers.add(connection.peerName());
        send(connection, Hello.current("1", "web-1", List.of("tls")));
        return new MessageHandler() {
            @Override
            public void received(Connection from, Message message) {
                Request request = (Request) message;
                send(from, new Output(request.id(), OutputKind.STDOUT, request.command()));
                send(from, Result.ok(request.id(), 0));
            }

            @Override
            public void closed(Connection from, Throwable cause) {
            }
        };
    }
}
