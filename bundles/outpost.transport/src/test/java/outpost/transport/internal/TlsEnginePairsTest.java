package outpost.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.transport.CertificateCheck;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Fingerprints;
import outpost.transport.Limits;
import outpost.transport.Listener;
import outpost.transport.ListenerSettings;
import outpost.transport.TlsEngine;
import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;

/** A native (BoringSSL) peer and a JSSE peer, in every pairing, over real loopback connections. */
class TlsEnginePairsTest {

    private static TlsIdentity identity;
    private static TlsIdentity otherIdentity;

    private final NettyTransport transport = new NettyTransport();
    private Listener listener;

    @BeforeAll
    static void createIdentities() throws IOException {
        identity = TlsIdentities.generate("agent-under-test");
        otherIdentity = TlsIdentities.generate("impostor");
    }

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
        transport.deactivate();
    }

    /** An echo listener: answers each request with its command as output and a result. */
    private void listen(TlsIdentity presented, TlsEngine engine) throws IOException {
        listener = transport.listen(new ListenerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.of(presented), Limits.DEFAULT, 16, engine), connection -> new outpost.transport.MessageHandler() {
                    @Override
                    public void received(Connection from, outpost.protocol.Message message) {
                        if (message instanceof Request request) {
                            try {
                                from.send(new Output(request.id(), OutputKind.STDOUT, request.command()));
                                from.send(Result.ok(request.id(), 0));
                            } catch (IOException e) {
                                from.close();
                            }
                        }
                    }

                    @Override
                    public void closed(Connection from, Throwable cause) {
                        // nothing kept
                    }
                });
    }

    private Connection connect(TlsEngine engine, CertificateCheck check, BlockingQueue<Object> events) throws IOException {
        return transport.connect(new ConnectSettings("127.0.0.1", listener.localAddress().getPort(), Duration.ofSeconds(5),
                Optional.of(check), Limits.DEFAULT, engine), NettyTransportTest.recorder(events));
    }

    /** Trusts {@code expected}'s certificate only, refusing others as the console's pinning words it. */
    static CertificateCheck pinned(TlsIdentity expected) {
        return (host, port, certificate) -> {
            if (!Fingerprints.sha256(certificate).equals(expected.fingerprint())) {
                throw new CertificateException("the agent's certificate changed: " + Fingerprints.sha256(certificate));
            }
        };
    }

    @ParameterizedTest(name = "{0} listener, {1} client")
    @CsvSource({ "OPENSSL, OPENSSL", "OPENSSL, JDK", "JDK, OPENSSL", "JDK, JDK" })
    void everyPairingConnectsAndCarriesFramesAfterResuming(TlsEngine server, TlsEngine client) throws Exception {
        listen(identity, server);
        for (int i = 0; i < 2; i++) {
            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            Connection connection = connect(client, pinned(identity), events);
            assertEquals(identity.fingerprint(), Fingerprints.sha256(connection.peerCertificate().orElseThrow()));
            connection.send(new Request(1, "ping"));
            assertEquals(new Output(1, OutputKind.STDOUT, "ping"), events.poll(5, TimeUnit.SECONDS));
            assertEquals(Result.ok(1, 0), events.poll(5, TimeUnit.SECONDS));
            connection.close();
        }
        assertEquals(1, transport.resumedTlsSessions(), "the second connection resumed the first's session");
    }

    @ParameterizedTest(name = "{0} listener")
    @EnumSource(names = { "OPENSSL", "JDK" })
    void aChangedCertificateIsRefusedTheSameWayOnBothClientEngines(TlsEngine server) throws Exception {
        listen(otherIdentity, server);
        SSLHandshakeException onNative = assertThrows(SSLHandshakeException.class,
                () -> connect(TlsEngine.OPENSSL, pinned(identity), new LinkedBlockingQueue<>()));
        SSLHandshakeException onJdk = assertThrows(SSLHandshakeException.class,
                () -> connect(TlsEngine.JDK, pinned(identity), new LinkedBlockingQueue<>()));
        assertEquals("the agent's certificate changed: " + otherIdentity.fingerprint(), onNative.getMessage());
        assertEquals(onJdk.getMessage(), onNative.getMessage());
    }

    @ParameterizedTest(name = "{0} client")
    @EnumSource(names = { "OPENSSL", "JDK" })
    void aResumedSessionIsStillCheckedOnBothClientEngines(TlsEngine client) throws Exception {
        listen(identity, TlsEngine.OPENSSL);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Connection first = connect(client, pinned(identity), events);
        first.send(new Request(1, "ping"));
        assertEquals(new Output(1, OutputKind.STDOUT, "ping"), events.poll(5, TimeUnit.SECONDS));
        first.close();
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                () -> connect(client, pinned(otherIdentity), new LinkedBlockingQueue<>()));
        assertTrue(refused.getMessage().startsWith("the agent's certificate changed: "), refused.getMessage());
        assertEquals(1, transport.resumedTlsSessions(), "the refused connection was a resumed one");
    }
}
