package outpost.transport.internal;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Locale;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;

/**
 * Full TLS 1.3 handshakes (no resumption) between two engines in memory, on one thread: CPU per
 * handshake (both sides together, the thread's CPU time) and handshakes per second, for each
 * key-exchange group and engine pairing. Run by releng/benchmark-tls; docs/BENCHMARKS.md quotes it.
 */
class HandshakeBenchmark {

    private static final int WARMUP = 300;
    private static final int MEASURED = Integer.getInteger("handshakes", 2000);
    private static final String[] TLS13 = { "TLSv1.3" };

    @Test
    void handshakeCosts() throws Exception {
        TlsIdentity identity = TlsIdentities.generate("benchmark");
        String[] hybrid = TlsGroups.nativeGroups(true);
        String[] classic = TlsGroups.nativeGroups(false);
        System.out.println("Outpost TLS handshake benchmark (" + MEASURED + " full handshakes each, key "
                + identity.privateKey().getAlgorithm() + ", " + System.getProperty("java.vm.version") + ")");
        System.out.println(String.format(Locale.ROOT, "%-24s %-24s %-16s %12s %14s", "server", "client", "group agreed", "handshakes/s", "CPU/handshake"));
        run("BoringSSL hybrid first", server(identity, hybrid), "BoringSSL hybrid first", client(hybrid), "X25519MLKEM768");
        run("BoringSSL X25519 first", server(identity, classic), "BoringSSL X25519 first", client(classic), "X25519");
        run("JSSE", server(identity, null), "JSSE", client(null), "X25519");
        run("JSSE", server(identity, null), "BoringSSL hybrid first", client(hybrid), "X25519");
        run("BoringSSL hybrid first", server(identity, hybrid), "JSSE", client(null), "X25519");
        System.out.println();
    }

    private static SslContext server(TlsIdentity identity, String[] nativeGroups) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forServer(identity.privateKey(), identity.certificate()).protocols(TLS13);
        return nativeGroups == null ? builder.sslProvider(SslProvider.JDK).build()
                : builder.sslProvider(SslProvider.OPENSSL).option(OpenSslContextOption.GROUPS, nativeGroups).build();
    }

    private static SslContext client(String[] nativeGroups) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient().trustManager(new TrustAll()).protocols(TLS13);
        return nativeGroups == null ? builder.sslProvider(SslProvider.JDK).build()
                : builder.sslProvider(SslProvider.OPENSSL).option(OpenSslContextOption.GROUPS, nativeGroups).build();
    }

    private static void run(String serverName, SslContext server, String clientName, SslContext client, String group) throws SSLException {
        for (int i = 0; i < WARMUP; i++) {
            handshake(server, client);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            handshake(server, client);
        }
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / MEASURED;
        double perSecond = MEASURED / ((System.nanoTime() - wall) / 1e9);
        System.out.println(String.format(Locale.ROOT, "%-24s %-24s %-16s %12.0f %11.0f µs", serverName, clientName, group, perSecond, cpuMicros));
    }

    /** One full handshake; engines without a peer address, so neither side can resume. */
    private static void handshake(SslContext serverContext, SslContext clientContext) throws SSLException {
        SSLEngine server = serverContext.newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine client = clientContext.newEngine(ByteBufAllocator.DEFAULT);
        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        ByteBuffer application = ByteBuffer.allocate(1 << 16);
        ByteBuffer nothing = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 10 && !(done(client) && done(server)); round++) {
            step(client, nothing, toServer, toServer, server, application);
            step(server, nothing, toClient, toClient, client, application);
        }
        if (!(done(client) && done(server))) {
            throw new SSLException("handshake did not finish: " + client.getHandshakeStatus() + "/" + server.getHandshakeStatus());
        }
        release(server);
        release(client);
    }

    private static void step(SSLEngine from, ByteBuffer nothing, ByteBuffer out, ByteBuffer in, SSLEngine to, ByteBuffer application) throws SSLException {
        from.wrap(nothing, out);
        runTasks(from);
        in.flip();
        while (in.hasRemaining()) {
            int before = in.remaining();
            to.unwrap(in, application);
            runTasks(to);
            application.clear();
            if (in.remaining() == before) {
                break;
            }
        }
        in.compact();
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task; (task = engine.getDelegatedTask()) != null;) {
            task.run();
        }
    }

    private static void release(SSLEngine engine) {
        if (engine instanceof io.netty.util.ReferenceCounted counted) {
            counted.release();
        }
    }

    /** Extended, as the product's: Netty adapts a plain X509TrustManager for BoringSSL through JDK internals. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
