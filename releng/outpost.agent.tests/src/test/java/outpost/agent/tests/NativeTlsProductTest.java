package outpost.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native TLS engine in the agent product as installed: BoringSSL loaded from the install's
 * platform fragment (never copied to a temporary folder), JSSE when the fragment is gone or jdk is
 * chosen, the two engines talking to each other, and a changed certificate refused alike.
 */
@EnabledOnOs(OS.LINUX)
class NativeTlsProductTest {

    private static final long START_LIMIT_SECONDS = 90;
    private static final String NATIVE = "TLS: BoringSSL (netty-tcnative 2.0.84)";
    private static final String LIBRARY = "libnetty_tcnative_linux_x86_64.so";
    /** No temporary folder for the JVM or Netty's loader: were the library copied out, the start would fail. */
    private static final String NO_TMP = "-Djava.io.tmpdir=/nonexistent/tmp -Dio.netty.native.workdir=/nonexistent/tmp";

    @TempDir
    Path work;
    private Path install;
    private Path data;
    private int port;
    private Process agent;
    private Path agentOutput;

    @BeforeEach
    void unpack() throws Exception {
        install = work.resolve("outpost-agent");
        AgentProductTest.unpackArchive(install);
        data = work.resolve("data");
        port = AgentProductTest.freePort();
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void agentAndCliNegotiateTls13OnBoringSslMappedFromTheInstallWithoutATemporaryFolder() throws Exception {
        String banner = start("auto", Map.of("OUTPOST_AGENT_JAVA_OPTS", "-Xmx64m " + NO_TMP));
        assertTrue(banner.contains(NATIVE + "\n"), banner);
        List<String> mapped = mappedLibraries(agent.pid());
        assertFalse(mapped.isEmpty(), "BoringSSL is not mapped into the agent");
        for (String file : mapped) {
            // the folder-shaped fragment itself: not extracted to configuration/, nor to /tmp
            assertTrue(file.startsWith(install.resolve("plugins").toRealPath() + "/outpost.tcnative.linux.x86_64_"), file);
        }
        assertEquals("TLSv1.3", tls13Handshake());

        Result cpu = cli(List.of("--verbose"), Map.of("OUTPOST_CLI_JAVA_OPTS", "-Xmx64m " + NO_TMP), "cpu");
        assertEquals(0, cpu.exitCode(), cpu.output());
        assertTrue(hasLine(cpu.output(), NATIVE), cpu.output());
        assertTrue(cpu.output().contains("%"), cpu.output());
    }

    @Test
    void withoutTheFragmentBothFallBackToJsseAndStillConnect() throws Exception {
        try (Stream<Path> plugins = Files.list(install.resolve("plugins"))) {
            for (Path fragment : plugins.filter(p -> p.getFileName().toString().startsWith("outpost.tcnative.linux.x86_64_")).toList()) {
                run(List.of("rm", "-r", fragment.toString()), Map.of(), 30);
            }
        }
        String banner = start("auto", Map.of());
        assertTrue(banner.contains("TLS: JSSE (native engine not available: no BoringSSL library for this platform is installed"),
                banner);
        assertTrue(mappedLibraries(agent.pid()).isEmpty());
        Result cpu = cli(List.of("--verbose"), Map.of(), "cpu");
        assertEquals(0, cpu.exitCode(), cpu.output());
        assertTrue(cpu.output().lines().anyMatch(line -> line.startsWith("TLS: JSSE (native engine not available: ")), cpu.output());

        Result demanded = cli(List.of("--tls-engine", "openssl"), Map.of(), "cpu");
        assertEquals(1, demanded.exitCode(), demanded.output());
        assertTrue(demanded.output().contains("the TLS engine is openssl, but the native engine cannot load"), demanded.output());
    }

    @Test
    void jdkChosenOnBothSidesIsJsseAndLoadsNoNativeLibrary() throws Exception {
        String banner = start("jdk", Map.of());
        assertTrue(banner.contains("TLS: JSSE (chosen: tls.engine = jdk)\n"), banner);
        assertEquals("TLSv1.3", tls13Handshake());
        Result cpu = cli(List.of("--tls-engine", "jdk", "--verbose"), Map.of(), "cpu");
        assertEquals(0, cpu.exitCode(), cpu.output());
        assertTrue(hasLine(cpu.output(), "TLS: JSSE (chosen: tls.engine = jdk)"), cpu.output());
        assertTrue(mappedLibraries(agent.pid()).isEmpty());
    }

    @Test
    void aNativeAgentServesAJsseClientAndAJsseAgentANativeClient() throws Exception {
        assertTrue(start("openssl", Map.of()).contains(NATIVE + "\n"));
        Result jsseClient = cli(List.of("--tls-engine", "jdk"), Map.of(), "name");
        assertEquals(0, jsseClient.exitCode(), jsseClient.output());
        stop();

        assertTrue(start("jdk", Map.of()).contains("TLS: JSSE (chosen: tls.engine = jdk)\n"));
        Result nativeClient = cli(List.of("--tls-engine", "openssl", "--verbose"), Map.of(), "name");
        assertEquals(0, nativeClient.exitCode(), nativeClient.output());
        assertTrue(hasLine(nativeClient.output(), NATIVE), nativeClient.output());
    }

    @Test
    void aChangedCertificateIsRefusedTheSameWayOnBothEngines() throws Exception {
        start("auto", Map.of());
        assertEquals(0, cli(List.of(), Map.of(), "name").exitCode(), "the first contact pins the certificate");
        stop();
        Files.delete(data.resolve("agent-identity.p12")); // the next start makes another key and certificate
        start("auto", Map.of());
        Result onNative = cli(List.of("--tls-engine", "openssl"), Map.of(), "name");
        Result onJdk = cli(List.of("--tls-engine", "jdk"), Map.of(), "name");
        assertEquals(1, onNative.exitCode(), onNative.output());
        assertEquals(1, onJdk.exitCode(), onJdk.output());
        assertTrue(onNative.output().toLowerCase().contains("certificate"), onNative.output());
        assertEquals(onJdk.output(), onNative.output());
    }

    private static boolean hasLine(String output, String line) {
        return output.lines().anyMatch(line::equals);
    }

    /** Starts the agent with that tls.engine; returns what it printed up to "listening on". */
    private String start(String engine, Map<String, String> environment) throws Exception {
        Path config = work.resolve("agent.cfg");
        Files.writeString(config, "tls.engine = " + engine + "\n");
        agentOutput = work.resolve("agent-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(install.resolve("outpost-agent").toString(), "--port", String.valueOf(port),
                "--data", data.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(agentOutput.toFile());
        builder.environment().putAll(environment);
        agent = builder.start();
        return awaitOutput(agentOutput, "listening on", START_LIMIT_SECONDS);
    }

    private void stop() throws Exception {
        agent.destroy();
        assertTrue(agent.waitFor(20, TimeUnit.SECONDS), "the agent did not exit within 20 s of SIGTERM");
    }

    /** The files of BoringSSL's library the process has mapped (its /proc maps). */
    private static List<String> mappedLibraries(long pid) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/maps"))) {
            return lines.filter(line -> line.endsWith(LIBRARY)).map(line -> line.substring(line.indexOf('/'))).distinct().toList();
        }
    }

    /** The protocol a JSSE socket that also offers TLS 1.2 agrees on with the agent. */
    private String tls13Handshake() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new AnyCertificate() }, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setEnabledProtocols(new String[] { "TLSv1.2", "TLSv1.3" });
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private Result cli(List<String> options, Map<String, String> environment, String command) throws Exception {
        List<String> line = new ArrayList<>(List.of(install.resolve("outpost-cli").toString(), "--port", String.valueOf(port),
                "--token-file", data.resolve("token").toString(), "--known-agents", work.resolve("known_agents").toString(),
                "--trust-new"));
        line.addAll(options);
        line.add(command);
        return run(line, environment, 60);
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> command, Map<String, String> environment, long limitSeconds) throws Exception {
        Path output = Files.createTempFile(work, "run", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not end within " + limitSeconds + " s: " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private String awaitOutput(Path file, String text, long limitSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        while (System.nanoTime() < deadline) {
            String output = Files.exists(file) ? Files.readString(file) : "";
            if (output.contains(text)) {
                return output;
            }
            if (!agent.isAlive()) {
                fail("the agent exited (" + agent.exitValue() + ") before printing '" + text + "': " + output);
            }
            Thread.sleep(50);
        }
        return fail("the agent did not print '" + text + "' within " + limitSeconds + " s: " + Files.readString(file));
    }


    /** The handshake's protocol is what is asked here, not who the agent is. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
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
