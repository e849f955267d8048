package outpost.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.testing.Conditions;
import outpost.testing.MosquittoBroker;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Fingerprints;
import outpost.transport.Limits;
import outpost.transport.MessageHandler;
import outpost.transport.PeerError;
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
    private TlsIdentity identity;
    private TunnelListener tunnels;
    private AgentLink agent;

    @BeforeEach
    void start() throws Exception {
        broker = new MosquittoBroker(MosquittoBroker.shippedAcl())
                .addAccount("agent-a", "secret-a")
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

    private static void send(Connection connection, Message message) {
        try {
            connection.send(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection open(BrokerClient console, String pinned, BlockingQueue<Message> received) throws IOException {
        return console.open("agent-a", new ConnectSettings("agent-a", 0, Duration.ofSeconds(20), Optional.of((host, port, certificate) -> {
            if (!Fingerprints.sha256(certificate).equals(pinned)) {
                throw new CertificateException("not the pinned certificate");
            }
        }), Limits.DEFAULT), new MessageHandler() {
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
        });
    }

    private static Message next(BlockingQueue<Message> received) throws InterruptedException {
        Message message = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(message, "nothing within 20 s");
        return message;
    }

    @Test
    void sessionsOneAfterAnotherCarryFramesBothWaysUnderTheBrokerClientsName() throws Exception {
        try (BrokerClient console = BrokerClient.connect(transport, account("console-1", "secret-c"), Duration.ofSeconds(20))) {
            Conditions.waitUntil("agent-a online", () -> console.agent("agent-a").filter(AgentState::online).isPresent());
            for (int round = 1; round <= 3; round++) {
                BlockingQueue<Message> received = new LinkedBlockingQueue<>();
                Connection session = open(console, identity.fingerprint(), received);
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
    void aCertificateThatIsNotThePinnedOneEndsTheSession() throws Exception {
        try (BrokerClient console = BrokerClient.connect(transport, account("console-1", "secret-c"), Duration.ofSeconds(20))) {
            Conditions.waitUntil("agent-a online", () -> console.agent("agent-a").filter(AgentState::online).isPresent());
            IOException refused = assertThrows(IOException.class, () -> open(console, "SHA256:00", new LinkedBlockingQueue<>()));
            assertTrue(refused.getMessage().contains("pinned") || String.valueOf(refused.getCause()).contains("pinned"),
                    refused.toString());
        }
    }
}
