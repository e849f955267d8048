package outpost.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import outpost.agent.BrokerMode;
import outpost.agent.ShellPolicy;
import outpost.broker.AgentState;
import outpost.broker.BrokerClient;
import outpost.broker.BrokerSettings;
import outpost.client.KnownAgents;
import outpost.testing.Conditions;
import outpost.testing.LoopbackProxy;
import outpost.testing.MosquittoBroker;

/**
 * outpost-cli --broker against a real Mosquitto with the shipped ACL and three real agents in broker
 * mode: agent-1 and agent-2 online, agent-3 gone (it reached the broker through a proxy that was cut,
 * so the broker published its last will). agent-2 and agent-3 announce group web, agent-1 none. Each run is the command line's, through the client's
 * services as the application takes them.
 */
class BrokerCliIT {

    private static final String CONSOLE = "console-1";

    @TempDir
    static Path folder;
    private static MosquittoBroker broker;
    private static LoopbackProxy proxy;
    private static AgentFleet fleet;
    private static ClientServices services;
    private static Path token;
    private static Path consolePassword;

    @BeforeAll
    static void startBrokerAndAgents() throws Exception {
        broker = new MosquittoBroker(MosquittoBroker.shippedAcl());
        for (String account : List.of("agent-1", "agent-2", "agent-3", CONSOLE, "watcher")) {
            broker.addAccount(account, account + "-secret");
        }
        broker.start();
        consolePassword = broker.passwordFile(CONSOLE, CONSOLE + "-secret");
        proxy = new LoopbackProxy(broker.port());
        services = AgentFleet.services(FrameworkUtil.getBundle(BrokerCliIT.class).getBundleContext());
        fleet = AgentFleet.start(3, folder, new ShellPolicy(List.of("sleep *"), List.of()), index -> {
            String id = "agent-" + (index + 1);
            String url = index == 2 ? "ssl://127.0.0.1:" + proxy.port() : broker.url();
            try {
                return Optional.of(new BrokerMode(account(url, id), Duration.ZERO, index == 0 ? "" : "web"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        token = AgentFleet.writeToken(folder);
        try (BrokerClient watcher = BrokerClient.connect(services.transport(), account(broker.url(), "watcher"),
                Duration.ofSeconds(20))) {
            Conditions.waitUntil("three agents online", () -> watcher.agents().values().stream()
                    .filter(AgentState::online).count() == 3);
            proxy.close(); // agent-3's link drops without a goodbye, and it cannot come back
            Conditions.waitUntil("agent-3's will", () -> watcher.agent("agent-3").filter(state -> !state.online()).isPresent());
        }
    }

    private static BrokerSettings account(String url, String id) throws java.io.IOException {
        return BrokerSettings.of(url, id).withAccount(id, broker.passwordFile(id, id + "-secret")).withCaFile(broker.caFile())
                .withKeepAlive(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void oneAgentAnswersThroughTheBrokerPinnedUnderItsIdAndAWrongTokenIsRefused() throws Exception {
        Path known = folder.resolve("known_agents-one");
        Run run = run("--agent", "agent-1", "--token-file", token.toString(), "--known-agents", known.toString(),
                "--trust-new", "cpu");
        assertEquals(0, run.exit, run.err);
        assertTrue(run.out.startsWith("CPU: "), run.out);
        assertEquals(Optional.of(fleet.fingerprints().get(0)), new KnownAgents(known).fingerprint("agent-1", 0),
                "the certificate the agent presented, pinned as agent-1:0");

        Path wrong = Files.writeString(folder.resolve("wrong-token"), "not-the-token\n");
        Run refused = run("--agent", "agent-1", "--token-file", wrong.toString(), "--known-agents", known.toString(), "cpu");
        assertEquals(1, refused.exit);
        assertEquals("outpost-cli: The agent at agent-1:0 refused the token.\n", refused.err);
        assertEquals("", refused.out);
    }

    @Test
    void anAgentsTokenComesFromTheTokensFileUnderItsIdAndPortZero() throws Exception {
        Path tokens = Files.writeString(folder.resolve("tokens-broker.properties"), "agent-2\\:0=" + AgentFleet.TOKEN + "\n");
        String known = folder.resolve("known_agents-tokens").toString();
        Run run = run("--agent", "agent-2", "--tokens", tokens.toString(), "--known-agents", known, "--trust-new", "name");
        assertEquals(0, run.exit, run.err);
        Run missing = run("--agent", "agent-1", "--tokens", tokens.toString(), "--known-agents", known, "--trust-new", "name");
        assertEquals(1, missing.exit);
        assertTrue(missing.err.startsWith("outpost-cli: no token for agent-1:0: no line 'agent-1\\:0=TOKEN' in " + tokens),
                missing.err);
    }

    @Test
    void aChangedCertificateIsRefusedWithTheWordsOfDirectMode() throws Exception {
        Path known = folder.resolve("known_agents-changed");
        new KnownAgents(known).remember("agent-2", 0, "SHA256:" + "AB:".repeat(31) + "AB");
        Run run = run("--agent", "agent-2", "--token-file", token.toString(), "--known-agents", known.toString(),
                "--trust-new", "cpu");
        assertEquals(1, run.exit);
        assertTrue(run.err.startsWith("outpost-cli: The certificate of the agent at agent-2:0 has CHANGED."), run.err);
        assertTrue(run.err.contains("Presented: " + fleet.fingerprints().get(1)), run.err);
        assertTrue(run.err.contains("remove the pin for agent-2:0 from " + known), run.err);
    }

    @Test
    void aFanOutGivesTwoAnswersAndOneClearFailureForTheOfflineAgent() throws Exception {
        Run run = run("--agents", "agent-1,agent-2,agent-3", "--token-file", token.toString(), "--known-agents",
                folder.resolve("known_agents-fan").toString(), "--trust-new", "--json", "cpu");
        assertEquals(1, run.exit, run.err);
        Map<String, JsonObject> byAgent = new TreeMap<>();
        run.out.lines().map(line -> new Gson().fromJson(line, JsonObject.class))
                .forEach(object -> byAgent.put(object.get("server").getAsString(), object));
        assertEquals(List.of("agent-1", "agent-2", "agent-3"), new ArrayList<>(byAgent.keySet()));
        for (String id : List.of("agent-1", "agent-2")) {
            JsonObject answer = byAgent.get(id);
            assertTrue(answer.get("ok").getAsBoolean(), answer.toString());
            assertTrue(answer.get("stdout").getAsString().startsWith("CPU: "), answer.toString());
            assertEquals(id, answer.get("host").getAsString());
            assertEquals(0, answer.get("port").getAsInt());
        }
        JsonObject offline = byAgent.get("agent-3");
        assertFalse(offline.get("ok").getAsBoolean());
        assertTrue(offline.get("exitCode").isJsonNull());
        String error = offline.get("error").getAsString();
        assertTrue(error.startsWith("Cannot connect to agent-3:0: agent agent-3 is offline (broker " + broker.url() + ", since "),
                error);
        assertTrue(run.err.contains("agent-3 (via broker) failed: Cannot connect to agent-3:0: agent agent-3 is offline"),
                run.err);

        Run table = run("--all-online", "--token-file", token.toString(), "--known-agents",
                folder.resolve("known_agents-fan").toString(), "name");
        assertEquals(0, table.exit, table.err);
        String[] lines = table.out.split("\n");
        assertTrue(lines[0].matches("agent-1  via broker  ok  \\d+ ms"), table.out);
        assertTrue(lines[lines.length - 1].equals("2 servers: 2 succeeded, 0 failed"), table.out);
        assertFalse(table.out.contains("agent-3"), "only the agents online");
    }

    @Test
    void aGroupSelectsItsOnlineAgentsLetterCaseAsideAndAnEmptyGroupIsAUsageError() throws Exception {
        String known = folder.resolve("known_agents-group").toString();
        Run run = run("--group", "WEB", "--token-file", token.toString(), "--known-agents", known, "--trust-new", "name");
        assertEquals(0, run.exit, run.err);
        String[] lines = run.out.split("\n");
        assertTrue(lines[0].matches("agent-2  via broker  ok  \\d+ ms"), run.out);
        assertEquals("1 servers: 1 succeeded, 0 failed", lines[lines.length - 1], run.out);
        assertFalse(run.out.contains("agent-1") || run.out.contains("agent-3"), "agent-1 has no group, agent-3 is offline");

        Run json = run("--group", "web", "--token-file", token.toString(), "--known-agents", known, "--json", "name");
        assertEquals(0, json.exit, json.err);
        assertEquals(List.of("agent-2"), json.out.lines()
                .map(line -> new Gson().fromJson(line, JsonObject.class).get("server").getAsString()).toList());

        Run none = run("--group", "db", "--token-file", token.toString(), "--known-agents", known, "name");
        assertEquals(2, none.exit, none.err);
        assertEquals("", none.out);
        assertTrue(none.err.startsWith("outpost-cli: no online agent in group 'db' at the broker " + broker.url()
                + " (the online agents' groups: (none), web)\n"), none.err);
    }

    @Test
    void anAgentTheBrokerNeverSawFailsWithoutATry() throws Exception {
        Run run = run("--agent", "agent-9", "--token-file", token.toString(), "--known-agents",
                folder.resolve("known_agents-9").toString(), "cpu");
        assertEquals(1, run.exit);
        assertEquals("outpost-cli: Cannot connect to agent-9:0: agent agent-9 is not known to the broker " + broker.url()
                + ": it never announced itself there\n", run.err);
    }

    @Test
    void theListShowsEveryAnnouncedAgentOnlineOrNotWithoutASession() throws Exception {
        Run run = run("--list");
        assertEquals(0, run.exit, run.err);
        String[] lines = run.out.split("\n");
        assertEquals(5, lines.length, run.out);
        assertTrue(lines[0].matches("ID +ONLINE +GROUP +HOST +OS +VERSION +FINGERPRINT"), lines[0]);
        String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertTrue(lines[1].matches("agent-1 +online +- +" + java.util.regex.Pattern.quote(hostName) + " +Linux .+ "
                + java.util.regex.Pattern.quote(fleet.fingerprints().get(0))), lines[1]);
        assertTrue(lines[2].matches("agent-2 +online +web +.+"), lines[2]);
        assertTrue(lines[3].matches("agent-3 +offline +web +.+"), lines[3]);
        assertEquals("3 agents: 2 online, 1 offline", lines[4]);

        Run json = run("--list", "--json");
        assertEquals(0, json.exit, json.err);
        List<JsonObject> agents = json.out.lines().map(line -> new Gson().fromJson(line, JsonObject.class)).toList();
        assertEquals(List.of(true, true, false), agents.stream().map(agent -> agent.get("online").getAsBoolean()).toList());
        assertEquals(fleet.fingerprints().get(2), agents.get(2).get("fingerprint").getAsString());
        assertTrue(agents.get(0).keySet().containsAll(List.of("agentId", "online", "group", "host", "os", "version",
                "fingerprint", "time")), agents.get(0).toString());
        assertEquals(List.of("", "web", "web"), agents.stream().map(agent -> agent.get("group").getAsString()).toList());
    }

    @Test
    void cancellingOnExitStopsTheCommandsRunningThroughTheBroker() throws Exception {
        CliArguments arguments = CliArguments.parse(null, folder, brokerArgs("--all-online", "--token-file",
                token.toString(), "--known-agents", folder.resolve("known_agents-cancel").toString(), "--trust-new",
                "--json", "sh:", "sleep", "30"));
        String lines = CtrlC.cancelOnceRunning(services, arguments, 2);
        assertEquals(2, lines.lines().filter(line -> line.contains("\"error\":\"cancelled\"")).count(), lines);
    }

    private record Run(int exit, String out, String err) {
    }

    /** The broker options of every run: the console's account, the broker's CA. */
    private static String[] brokerArgs(String... args) {
        List<String> all = new ArrayList<>(List.of("--broker", broker.url(), "--broker-user", CONSOLE,
                "--broker-password-file", consolePassword.toString(), "--broker-ca", broker.caFile().toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CliRun.run(services, CliArguments.parse(folder.resolve("default-token").toString(), folder,
                brokerArgs(args)), print(out), print(err));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
