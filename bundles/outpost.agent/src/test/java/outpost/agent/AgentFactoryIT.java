package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.AgentFactory.StandaloneAgent;
import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Hello;
import outpost.protocol.Output;
import outpost.protocol.Request;
import outpost.protocol.Result;

/** The public seam for hosts of several agents (tests, benchmarks): agents made by the factory serve like the one DS runs. */
class AgentFactoryIT {

    private static final String TOKEN = "factory-token";

    @Test
    void aMadeAgentServesTheCommandsItWasGivenAndClosingItFreesItsPort() throws Exception {
        ServiceTracker<AgentFactory, AgentFactory> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(AgentFactoryIT.class).getBundleContext(), AgentFactory.class, null);
        tracker.open();
        AgentFactory factory = tracker.waitForService(10_000);
        assertNotNull(factory, "the agent bundle offers its factory");
        Path data = Files.createTempDirectory("outpost-factory-it");
        Files.writeString(data.resolve("tokens.properties"), "reader.sha256=" + sha256Hex(TOKEN) + "\nreader.roles=read\n");
        int port;
        try (StandaloneAgent agent = factory.create(name -> !"disk".equals(name))) {
            port = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                    .withTls(false)).address().getPort();
            try (RawClient client = new RawClient(port)) {
                client.read(Hello.class);
                client.send(Auth.current(TOKEN));
                client.read(AuthOk.class);
                client.send(new Request(1, "help"));
                String help = client.read(Output.class).text();
                client.read(Result.class);
                assertTrue(help.lines().anyMatch(line -> line.strip().startsWith("cpu ")), help);
                assertFalse(help.lines().anyMatch(line -> line.strip().startsWith("disk ")),
                        "the command left out is not offered: " + help);
            }
        }
        tracker.close();
        assertThrows(IOException.class, () -> new RawClient(port).close(), "a closed agent no longer listens");
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
