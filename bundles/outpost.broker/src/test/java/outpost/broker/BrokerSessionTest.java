package outpost.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.testing.Conditions;
import outpost.testing.LoopbackProxy;
import outpost.testing.MosquittoBroker;
import outpost.transport.ConnectSettings;
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
 * Sessions from a {@link BrokerClient} to an {@link AgentLink} through a real Mosquitto, with the
 * transport's TLS and frames over them: the agent side here answers each request with its command
 * as output ("stop" closes the connection), as the agent's dispatcher would answer.
 */
class BrokerSessionTest {

    private MosquittoBroker broker;
    private final NettyTransport transport = new NettyTransport();
    private final List<String> peers = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private TlsIdentity identity;
    private TunnelListener tunnels;
    private AgentLink agent;

    @BeforeEach
    void start() throws Exception {
        broker = new MosquittoBroker(MosquittoBroker.shippedAcl())
                .addAccount("agent-a", "secret-a")
                .addAccount("agent-b", "secret-b")
                .addAccount("console-1", "secret-c")
                .start();
        identity = TlsIdentities.generate("agent-a");
        tunnels = transport.listenTunnels(new TunnelListenerSettings(Optional.of(identity), Limits.DEFAULT, 8, TlsEngine.AUTO),
                this::accepted);
        agent = AgentLink.start(account("agent-a", "secret-a"), new AgentState("agent-a", true, "web-1", "Linux", "1",
                identity.fingerprint(), Instant.now()), tunnels, Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        tunnels.close();
        transport.deactivate();
        broker.close();
    }

    private BrokerSettings account(String user, String password) throws IOException {
        return BrokerSettings.of(broker.url(), user).withAccount(user, broker.passwordFile(user, password))
                .withCaFile(broker.caFile()).withKeepAlive(Duration.ofSeconds(5));
    }

    private MessageHandler accepted(Connection connection) {
        peers.add(connection.peerName());
        send(connection, Hello.current("1", "web-1", List.of("tls")));
        return new MessageHandler() {
            @Override
            public void received(Connection from, Message message) {
                Request request = (Request) message;
                commands.add(request.command());
                if (request.command().equals("stop")) {
                    from.close(ErrorReport.fatal(ErrorCode.AUTH_REQUIRED, "stopped"));
                    return;
                }
                send(from, new Output(request.id(), OutputKind.STDOUT, request.command()));
                send(from, Result.ok(request.id(), 0));
            }

            @Override
            public void closed(Connection from, Throwable cause) {
            }
        };
    }

    @Test
    void sessionsOneAfterAnotherCarryFramesBothWaysUnderTheBrokerClientsName() throws Exception {
        try (BrokerClient console = BrokerClient.connect(transport, account("console-1", "secret-c"), Duration.ofSeconds(20))) {
            Conditions.waitUntil("agent-a online", () -> console.agent("agent-a").filter(AgentState::online).isPresent());
            for (int round = 1; round <= 3; round++) {
                BlockingQueue<Message> received = new LinkedBlockingQueue<>();
                Connection session = PinnedSessions.open(console, "agent-a", identity.fingerprint(), received);
                assertInstanceOf(Hello.class, next(received), "round " + round);
                session.send(new Request(1, "echo " + round));
                assertEquals("echo " + round, assertInstanceOf(Output.class, next(received)).text());
                assertInstanceOf(Result.class, next(received));
                session.send(new Request(2, "stop")); // the agent side ends this one
                assertEquals(ErrorCode.AUTH_REQUIRED, assertInstanceOf(ErrorReport.class, next(received)).code());
            }
            assertEquals(List.of("broker client console-1", "broker client console-1", "broker client console-1"), peers);
            Conditions.waitUntil("the agent's sessions all closed", () -> agent.sessions() == 0);
        }
    }

    @Test
    void aSessionEndsAsSoonAsTheBrokerPublishesItsAgentsWill() throws Exception {
        try (BrokerClient console = BrokerClient.connect(transport, account("console-1", "secret-c"), Duration.ofSeconds(20));
                LoopbackProxy network = new LoopbackProxy(broker.port());
                AgentLink agentB = AgentLink.start(BrokerSettings.of("ssl://127.0.0.1:" + network.port(), "agent-b")
                        .withAccount("agent-b", broker.passwordFile("agent-b", "secret-b")).withCaFile(broker.caFile())
                        .withKeepAlive(Duration.ofSeconds(5)), new AgentState("agent-b", true, "web-2", "Linux", "1",
                                identity.fingerprint(), Instant.now()), tunnels, Optional.empty())) {
            Conditions.waitUntil("agent-b online", () -> console.agent("agent-b").filter(AgentState::online).isPresent());
            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            // an idle timeout far beyond the test's waits: only the will can end this session in time
            Connection session = PinnedSessions.open(console, "agent-b", identity.fingerprint(), received,
                    Limits.DEFAULT.withIdleTimeout(Duration.ofMinutes(10), Duration.ofMinutes(1)));
            assertInstanceOf(Hello.class, next(received));

            network.close(); // agent-b's network is gone: nothing of it reaches the broker or the console again
            Conditions.waitUntil("agent-b's will in the directory",
                    () -> console.agent("agent-b").filter(state -> !state.online()).isPresent());
            Conditions.waitUntil("the session to agent-b ended with it", () -> !session.isOpen());
        }
    }

    @Test
    void aCertificateThatIsNotThePinnedOneEndsTheSession() throws Exception {
        try (BrokerClient console = BrokerClient.connect(transport, account("console-1", "secret-c"), Duration.ofSeconds(20))) {
            Conditions.waitUntil("agent-a online", () -> console.agent("agent-a").filter(AgentState::online).isPresent());
            IOException refused = assertThrows(IOException.class, () -> PinnedSessions.open(console, "agent-a", "SHA256:00", new LinkedBlockingQueue<>()));
            assertTrue(refused.getMessage().contains("pinned") || String.valueOf(refused.getCause()).contains("pinned"),
                    refused.toString());
        }
    }

    /**
     * What a broker that keeps and changes messages could do: a console's session is recorded as the
     * broker relays it, then its bytes are replayed as a new session, and another session gets one
     * byte changed. TLS ends both; neither runs its command.
     */
    @Test
    void aReplayedOrTamperedSessionRunsNothing() throws Exception {
        try (RawMqtt broker = new RawMqtt(this.broker, "console-1", "secret-c")) {
            // the agent announces itself once it subscribed to its sessions: bytes sent before that are lost
            broker.subscribe(Topics.state("agent-a"));
            Conditions.waitUntil("agent-a online", () -> broker.on(Topics.state("agent-a")).stream()
                    .anyMatch(state -> outpost.broker.internal.StateJson.decode("agent-a", state.payload())
                            .filter(AgentState::online).isPresent()));
            broker.subscribe(Topics.ROOT + "agent-a/out/console-1/#");
            List<byte[]> recorded = new CopyOnWriteArrayList<>();
            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            Connection original = relayed(broker, "s1", recorded, false, received);
            assertInstanceOf(Hello.class, next(received));
            original.send(new Request(1, "echo once"));
            assertInstanceOf(Output.class, next(received));
            original.close();
            Conditions.waitUntil("the recorded session ended", () -> agent.sessions() == 0);
            assertEquals(List.of("echo once"), commands);

            for (byte[] bytes : recorded) { // the same bytes, in order, as a new session
                broker.publish(Topics.in("agent-a", "console-1", "s2"), bytes, false);
            }
            Conditions.waitUntil("the replay refused: the agent closes it",
                    () -> broker.on(Topics.out("agent-a", "console-1", "s2")).stream().anyMatch(m -> m.payload().length == 0));

            BlockingQueue<Message> tamperedAnswers = new LinkedBlockingQueue<>();
            Connection tampered = relayed(broker, "s3", new CopyOnWriteArrayList<>(), true, tamperedAnswers);
            assertInstanceOf(Hello.class, next(tamperedAnswers));
            tampered.send(new Request(3, "echo tampered"));
            Conditions.waitUntil("the tampered session closed", () -> !tampered.isOpen());
            assertEquals(List.of("echo once"), commands, "nothing ran from the replay nor the tampered record");
        }
    }

    /**
     * A session opened with the transport over a plain MQTT client, so the test sees (and may change)
     * every message as the broker would: with {@code tamper}, one bit of each message after the TLS
     * handshake is flipped.
     */
    private Connection relayed(RawMqtt client, String sessionId, List<byte[]> record, boolean tamper,
            BlockingQueue<Message> received) throws IOException {
        String in = Topics.in("agent-a", "console-1", sessionId);
        String out = Topics.out("agent-a", "console-1", sessionId);
        java.util.concurrent.atomic.AtomicBoolean handshaken = new java.util.concurrent.atomic.AtomicBoolean();
        return transport.connectTunnel(new ConnectSettings("agent-a", 0, Duration.ofSeconds(20), Optional.of((host, port, c) -> {
        }), Limits.DEFAULT), tunnel -> {
            client.listener = message -> {
                if (message.topic().equals(out)) {
                    if (message.payload().length == 0) {
                        tunnel.closed();
                    } else {
                        tunnel.received(message.payload());
                    }
                }
            };
            return new outpost.transport.TunnelCarrier() {
                @Override
                public void send(byte[] bytes) {
                    byte[] sent = bytes.clone();
                    record.add(sent);
                    if (tamper && handshaken.get()) {
                        sent[sent.length - 1] ^= 1;
                    }
                    client.publishLater(in, sent);
                }

                @Override
                public void close() {
                    client.publishLater(in, new byte[0]);
                }
            };
        }, new MessageHandler() {
            @Override
            public void received(Connection connection, Message message) {
                handshaken.set(true);
                received.add(message);
            }

            @Override
            public void closed(Connection connection, Throwable cause) {
            }
        });
    }
}
