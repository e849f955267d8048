package outpost.agent.internal.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.AgentSettings;
import outpost.agent.BrokerMode;
import outpost.agent.internal.AgentInitialization;
import outpost.agent.internal.AgentRuntime;
import outpost.agent.internal.dispatch.SessionControl;
import outpost.broker.AgentState;
import outpost.broker.BrokerClient;
import outpost.broker.BrokerSettings;
import outpost.testing.Conditions;
import outpost.testing.MosquittoBroker;
import outpost.transport.Transport;

/** The configuration file through ConfigAdmin into the running agent, as the application loads it, and reset reading it again. */
class ConfigurationIT {

    private final BundleContext context = FrameworkUtil.getBundle(ConfigurationIT.class).getBundleContext();
    private AgentConfigurationFeed feed;
    private AgentRuntime agent;

    @AfterEach
    void clear() throws Exception {
        if (agent != null) {
            agent.stop();
        }
        if (feed != null) {
            feed.clear();
        }
    }

    @Test
    void theFileWithTheOptionsOnTopReachesTheAgentAndResetReadsItAgain() throws Exception {
        feed = await(AgentConfigurationFeed.class, null);
        Path data = Files.createTempDirectory("outpost-configuration-it");
        Path file = data.resolve("agent.cfg");
        Files.writeString(file, "bind = 127.0.0.1\nport = 5005\nshell.allow.1 = echo *\nrequest.timeout = 7\n"
                + "plain.text.enabled = true\nplain.text.port = 0\ntls.engine = jdk\n");
        String generation = feed.load(file, true, Map.of("data", data.toString()), Map.of("port", 0, "plain.tcp", true));
        agent = await(AgentRuntime.class, "(" + AgentConfiguration.GENERATION + "=" + generation + ")");
        assertTrue(agent.configurationProblem().isEmpty());
        int port = agent.startConfigured().address().getPort();
        AgentSettings settings = agent.settings().orElseThrow();
        assertTrue(port > 0, "the option's port 0 won over the file's 5005");
        assertEquals(false, settings.tls(), "--plain-tcp");
        assertEquals(outpost.transport.TlsEngine.JDK, settings.tlsEngine());
        assertEquals(List.of("echo *"), settings.shell().allow());
        assertEquals(7, settings.defaultTimeout().toSeconds());
        assertEquals(data, settings.dataDirectory());
        assertTrue(agent.status().orElseThrow().plainText().isPresent(), "plain text enabled by the file");

        Files.writeString(file, "shell.allow.1 = uname -a\n");
        ((SessionControl) agent).reset();
        AgentSettings after = agent.settings().orElseThrow();
        assertEquals(List.of("uname -a"), after.shell().allow(), "reset read the file again");
        assertEquals(port, after.address().getPort(), "a port chosen at random stays the same");
        assertTrue(agent.status().orElseThrow().plainText().isEmpty(), "plain text is off again, as the file now says");

        Files.writeString(file, "request.timeout = soon\n");
        ((SessionControl) agent).reset();
        assertEquals(List.of("uname -a"), agent.settings().orElseThrow().shell().allow(),
                "an invalid file on reset keeps the previous settings");
    }

    @Test
    void theBrokerKeysStartBrokerModeBesideTheListener() throws Exception {
        try (MosquittoBroker broker = new MosquittoBroker(MosquittoBroker.shippedAcl()).addAccount("web-7", "agent-secret")
                .addAccount("console-1", "console-secret").start()) {
            feed = await(AgentConfigurationFeed.class, null);
            Path data = Files.createTempDirectory("outpost-configuration-it");
            Path file = data.resolve("agent.cfg");
            Files.writeString(file, "broker.url = " + broker.url() + "\nbroker.username = web-7\nbroker.passwordFile = "
                    + broker.passwordFile("web-7", "agent-secret") + "\nbroker.caFile = " + broker.caFile()
                    + "\nbroker.metrics.seconds = 5\nbroker.group = web servers\n");
            String generation = feed.load(file, true, Map.of("data", data.toString()), Map.of("port", 0));
            agent = await(AgentRuntime.class, "(" + AgentConfiguration.GENERATION + "=" + generation + ")");
            assertTrue(agent.configurationProblem().isEmpty(), agent.configurationProblem().toString());
            agent.startConfigured();
            BrokerMode mode = agent.settings().orElseThrow().broker().orElseThrow();
            assertEquals("web-7", mode.link().clientId(), "the account name is the agent's id");
            assertEquals(Optional.of(broker.caFile()), mode.link().caFile());
            assertEquals(5, mode.metricsPeriod().toSeconds());
            assertEquals("web servers", mode.group());
            assertTrue(agent.status().orElseThrow().address().getPort() > 0, "the listener runs too");

            Transport transport = await(Transport.class, null);
            BrokerSettings console = BrokerSettings.of(broker.url(), "console-1")
                    .withAccount("console-1", broker.passwordFile("console-1", "console-secret")).withCaFile(broker.caFile());
            try (BrokerClient client = BrokerClient.connect(transport, console, Duration.ofSeconds(20))) {
                Conditions.waitUntil("web-7 online on the broker",
                        () -> client.agent("web-7").filter(AgentState::online).isPresent());
                assertEquals("web servers", client.agent("web-7").orElseThrow().group(), "its state announces its group");
            }
        }
    }

    @Test
    void initializeMakesTheTokenAndTheIdentityOnceWithoutListening() throws Exception {
        feed = await(AgentConfigurationFeed.class, null);
        Path data = Files.createTempDirectory("outpost-configuration-it").resolve("data");
        String generation = feed.load(data.resolveSibling("absent.cfg"), false, Map.of("data", data.toString()), Map.of("port", 0));
        agent = await(AgentRuntime.class, "(" + AgentConfiguration.GENERATION + "=" + generation + ")");

        AgentInitialization first = agent.initialize();
        assertEquals(data, first.dataDirectory());
        assertEquals(Optional.of(data.resolve("token")), first.createdTokenFile());
        assertTrue(first.createdIdentity());
        assertTrue(Files.isRegularFile(data.resolve("token")) && Files.isRegularFile(first.identityFile()));
        assertTrue(agent.status().isEmpty(), "--init listens nowhere");

        String token = Files.readString(data.resolve("token"));
        AgentInitialization again = agent.initialize();
        assertEquals(Optional.empty(), again.createdTokenFile());
        assertEquals(false, again.createdIdentity());
        assertEquals(first.fingerprint(), again.fingerprint(), "the key made first is kept");
        assertEquals(token, Files.readString(data.resolve("token")));
        assertEquals(Optional.of(first.fingerprint()), agent.startConfigured().fingerprint(),
                "the agent starts with the identity --init made");
    }

    private <S> S await(Class<S> type, String filter) throws Exception {
        ServiceTracker<S, S> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"),
                        null);
        tracker.open();
        S service = tracker.waitForService(10_000);
        assertNotNull(service, type.getSimpleName() + " " + filter);
        return service;
    }
}
