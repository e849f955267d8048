package outpost.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.transport.internal.TlsHellos.SECP256R1;
import static outpost.transport.internal.TlsHellos.SECP384R1;
import static outpost.transport.internal.TlsHellos.X25519;
import static outpost.transport.internal.TlsHellos.X25519MLKEM768;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import outpost.transport.CertificateCheck;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Limits;
import outpost.transport.Listener;
import outpost.transport.ListenerSettings;
import outpost.transport.TlsEngine;
import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;
import outpost.transport.internal.TlsHellos.Hello;

/**
 * The key-exchange groups each engine offers and agrees on, read from the hellos on the wire. JSSE
 * takes its list from jdk.tls.namedGroups, which the launch scripts set, and so does this module's
 * test run (its pom), to the value {@link TlsGroups#JSSE_PROPERTY_VALUE}.
 */
class TlsGroupsTest {

    private static TlsIdentity identity;

    private final NettyTransport transport = new NettyTransport();

    @BeforeAll
    static void createIdentity() throws IOException {
        identity = TlsIdentities.generate("agent-under-test");
    }

    @AfterEach
    void close() {
        transport.deactivate();
    }

    @Test
    void theLaunchScriptsGiveJsseTheClassicGroups() {
        assertEquals(TlsGroups.JSSE_PROPERTY_VALUE, System.getProperty(TlsGroups.JSSE_PROPERTY));
        assertEquals("x25519,secp256r1,secp384r1", TlsGroups.JSSE_PROPERTY_VALUE);
    }

    @Test
    void theNativeClientOffersTheHybridFirstThenTheSameGroupsAsJsseWithTwoKeyShares() throws Exception {
        Hello hello = TlsHellos.parse(clientHello(TlsEngine.OPENSSL));
        assertEquals(List.of(X25519MLKEM768, X25519, SECP256R1, SECP384R1), hello.supportedGroups());
        // a share for X25519 too: a JSSE listener, which lacks the hybrid, needs no second round trip
        assertEquals(List.of(X25519MLKEM768, X25519), hello.keyShares());
    }

    @Test
    void theJsseClientOffersTheClassicGroupsOnly() throws Exception {
        Hello hello = TlsHellos.parse(clientHello(TlsEngine.JDK));
        assertEquals(List.of(X25519, SECP256R1, SECP384R1), hello.supportedGroups());
        assertEquals(List.of(X25519, SECP256R1), hello.keyShares(), "JSSE sends its first two");
    }

    @Test
    void twoNativePeersAgreeOnTheHybrid() throws Exception {
        Hello chosen = serverHello(TlsEngine.OPENSSL, TlsEngine.OPENSSL);
        assertFalse(chosen.isRetryRequest());
        assertEquals(List.of(X25519MLKEM768), chosen.keyShares());
    }

    @Test
    void aNativeListenerAndAJsseClientAgreeOnX25519() throws Exception {
        Hello chosen = serverHello(TlsEngine.OPENSSL, TlsEngine.JDK);
        assertFalse(chosen.isRetryRequest());
        assertEquals(List.of(X25519), chosen.keyShares());
    }

    @Test
    void aJsseListenerAndANativeClientAgreeOnX25519WithoutARetry() throws Exception {
        Hello chosen = serverHello(TlsEngine.JDK, TlsEngine.OPENSSL);
        assertFalse(chosen.isRetryRequest(), "JSSE took the X25519 share instead of asking for another");
        assertEquals(List.of(X25519), chosen.keyShares());
    }

    /** The hello a client of that engine sends, caught by a plain socket that answers nothing. */
    private byte[] clientHello(TlsEngine engine) throws Exception {
        try (ServerSocket catcher = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<Connection> connecting = Executors.newSingleThreadExecutor(daemon()).submit(() -> transport.connect(
                    new ConnectSettings("127.0.0.1", catcher.getLocalPort(), Duration.ofSeconds(5), Optional.of(trustAll()),
                            Limits.DEFAULT, engine), NettyTransportTest.recorder(new LinkedBlockingQueue<>())));
            try (Socket accepted = catcher.accept()) {
                accepted.setSoTimeout(5_000);
                return TlsHellos.readRecord(accepted.getInputStream());
            } finally {
                assertThrows(ExecutionException.class, () -> connecting.get(10, TimeUnit.SECONDS));
            }
        }
    }

    /** The hello a listener of that engine answers to a client's hello. */
    private Hello serverHello(TlsEngine serverEngine, TlsEngine clientEngine) throws Exception {
        byte[] hello = clientHello(clientEngine);
        Listener listener = transport.listen(new ListenerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.of(identity), Limits.DEFAULT, 4, serverEngine), connection -> NettyTransportTest.recorder(new LinkedBlockingQueue<>()));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(hello);
            return TlsHellos.parse(TlsHellos.readRecord(socket.getInputStream()));
        } finally {
            listener.close();
        }
    }

    private static CertificateCheck trustAll() {
        return (host, port, certificate) -> {
        };
    }

    private static ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "hello-catcher");
            thread.setDaemon(true);
            return thread;
        };
    }
}
