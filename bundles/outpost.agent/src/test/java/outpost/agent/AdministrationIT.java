package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import outpost.testing.Conditions;
import outpost.agent.internal.AdministrationCommands;
import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Hello;
import outpost.protocol.Output;
import outpost.protocol.Request;

/** The Gogo commands outpost:status, outpost:clients, outpost:tokens against a real agent with a connected client. */
class AdministrationIT {

    private static final String SECRET = "reader-secret-never-shown";
    private final BundleContext context = FrameworkUtil.getBundle(AdministrationIT.class).getBundleContext();
    private Agent agent;

    @AfterEach
    void stop() {
        agent.stop();
    }

    @Test
    void statusClientsAndTokensDescribeTheRunningAgentWithoutSecrets() throws Exception {
        agent = await(Agent.class);
        AdministrationCommands commands = await(AdministrationCommands.class);
        ServiceReference<AdministrationCommands> reference = context.getServiceReference(AdministrationCommands.class);
        assertEquals("outpost", reference.getProperty("osgi.command.scope"));
        assertEquals(java.util.List.of("status", "clients", "tokens"),
                java.util.List.of((String[]) reference.getProperty("osgi.command.function")));
        assertEquals("not listening", commands.status());

        Path data = Files.createTempDirectory("outpost-admin-it");
        Files.writeString(data.resolve("tokens.properties"), "reader.sha256=" + sha256Hex(SECRET) + "\nreader.roles=read\n");
        int port = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withTls(false)).address().getPort();
        try (RawClient client = new RawClient(port)) {
            client.read(Hello.class);
            client.send(Auth.current(SECRET));
            client.read(AuthOk.class);
            client.send(new Request(1, "name"));
            client.read(Output.class);
            client.read(outpost.protocol.Result.class);
            String status = commands.status();
            assertTrue(status.contains("listening   127.0.0.1:" + port + " (plain TCP, no TLS)"), status);
            assertTrue(status.contains("certificate none") && status.contains("plain text  off"), status);
            assertTrue(status.contains("broker      off"), status);
            assertTrue(status.contains("tls engine  none (plain TCP)"), status);
            assertTrue(status.contains("connections 1 framed"), status);
            String clients = commands.clients();
            assertTrue(clients.lines().anyMatch(line -> line.startsWith("127.0.0.1:") && line.contains(" reader ")
                    && line.contains(" read ")), clients);
            String tokens = commands.tokens();
            assertEquals("reader           read", tokens);
            assertFalse((status + clients + tokens).contains(SECRET) || tokens.contains(sha256Hex(SECRET)));
        }
        Conditions.waitUntil("a client that left is gone from the list", () -> commands.clients().equals("no clients"));
    }

    @Test
    void statusNamesTheTlsEngineLoadedFromThePlatformFragment() throws Exception {
        agent = await(Agent.class);
        AdministrationCommands commands = await(AdministrationCommands.class);
        Path data = Files.createTempDirectory("outpost-admin-tls-it");
        agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data));
        // the test framework has the fragments as the products do: BoringSSL loads without add-opens or /tmp
        assertTrue(commands.status().contains("tls engine  BoringSSL (netty-tcnative 2.0.84)"), commands.status());
        agent.stop();
        agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withTlsEngine(outpost.transport.TlsEngine.JDK));
        assertTrue(commands.status().contains("tls engine  JSSE (chosen: tls.engine = jdk)"), commands.status());
    }

    private <S> S await(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(10_000);
        assertNotNull(service, type.getName());
        return service;
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
