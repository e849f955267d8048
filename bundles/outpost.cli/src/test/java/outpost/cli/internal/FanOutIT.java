package outpost.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import outpost.agent.ShellPolicy;

/**
 * outpost-cli's fan-out against real agents on loopback: three agents and an address where none
 * listens, through the client's SessionFactory service as the application uses it.
 */
class FanOutIT {

    @TempDir
    static Path folder;
    private static AgentFleet fleet;
    private static ClientServices services;
    private static int downPort;
    private static Path servers;
    private static Path token;

    @BeforeAll
    static void startAgents() throws Exception {
        fleet = AgentFleet.start(3, folder, new ShellPolicy(List.of("sleep *"), List.of()));
        services = AgentFleet.services(FrameworkUtil.getBundle(FanOutIT.class).getBundleContext());
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            downPort = probe.getLocalPort();
        }
        List<InetSocketAddress> up = fleet.addresses();
        servers = Files.writeString(folder.resolve("servers.csv"), "name,host,port,group\n"
                + "web-1,127.0.0.1," + up.get(0).getPort() + ",web\n"
                + "web-2,127.0.0.1," + up.get(1).getPort() + ",web\n"
                + "db-1,127.0.0.1," + up.get(2).getPort() + ",db\n"
                + "web-down,127.0.0.1," + downPort + ",web\n");
        token = AgentFleet.writeToken(folder);
    }

    @AfterAll
    static void stopAgents() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void jsonLinesGiveOneObjectPerServerAndAServerDownFailsAloneWithExitOne() throws Exception {
        Run run = run("--servers", servers.toString(), "--token-file", token.toString(), "--known-agents",
                known("json"), "--trust-new", "--json", "cpu");
        assertEquals(1, run.exit, run.err);
        Map<String, JsonObject> byServer = new TreeMap<>();
        for (String line : run.out.split("\n")) {
            JsonObject object = new Gson().fromJson(line, JsonObject.class);
            byServer.put(object.get("server").getAsString(), object);
        }
        assertEquals(List.of("db-1", "web-1", "web-2", "web-down"), new ArrayList<>(byServer.keySet()));
        for (String name : List.of("db-1", "web-1", "web-2")) {
            JsonObject answer = byServer.get(name);
            assertTrue(answer.get("ok").getAsBoolean(), answer.toString());
            assertEquals(0, answer.get("exitCode").getAsInt());
            assertTrue(answer.get("stdout").getAsString().startsWith("CPU: "), answer.toString());
            assertTrue(answer.get("error").isJsonNull());
            assertEquals("127.0.0.1", answer.get("host").getAsString());
        }
        JsonObject down = byServer.get("web-down");
        assertFalse(down.get("ok").getAsBoolean());
        assertTrue(down.get("exitCode").isJsonNull());
        assertEquals(downPort, down.get("port").getAsInt());
        String refused = "Connection refused by 127.0.0.1:" + downPort;
        assertTrue(down.get("error").getAsString().startsWith(refused), down.toString());
        assertTrue(run.err.contains("web-down (127.0.0.1:" + downPort + ") failed: " + refused), run.err);
        assertTrue(down.keySet().containsAll(List.of("server", "host", "port", "ok", "exitCode", "durationMs", "stdout",
                "stderr", "error")), down.toString());
    }

    @Test
    void aGroupSelectsItsServersAndTheTableShowsEachWithItsOutput() throws Exception {
        Run run = run("--servers", servers.toString(), "--group", "DB", "--token-file", token.toString(),
                "--known-agents", known("group"), "--trust-new", "name");
        assertEquals(0, run.exit, run.err);
        String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        String[] lines = run.out.split("\n");
        assertEquals(3, lines.length, run.out);
        assertTrue(lines[0].matches("db-1  127\\.0\\.0\\.1:\\d+  ok  \\d+ ms"), lines[0]);
        assertTrue(lines[1].startsWith("    ") && lines[1].contains(hostName), run.out);
        assertEquals("1 servers: 1 succeeded, 0 failed", lines[2]);
        assertFalse(run.out.contains("web"));
    }

    @Test
    void jsonWithOneAgentGivesOneObject() throws Exception {
        int port = fleet.addresses().get(0).getPort();
        Run run = run("--host", "127.0.0.1", "--port", Integer.toString(port), "--token-file", token.toString(),
                "--known-agents", known("single"), "--trust-new", "--json", "cpu");
        assertEquals(0, run.exit, run.err);
        List<String> lines = run.out.lines().toList();
        assertEquals(1, lines.size(), run.out);
        JsonObject answer = new Gson().fromJson(lines.get(0), JsonObject.class);
        assertEquals("127.0.0.1:" + port, answer.get("server").getAsString(), "a server without a name is called host:port");
        assertEquals(port, answer.get("port").getAsInt());
        assertTrue(answer.get("ok").getAsBoolean());
        assertTrue(answer.get("stdout").getAsString().startsWith("CPU: "), answer.toString());
    }

    @Test
    void aGroupWithoutServersIsAUsageErrorNamingTheGroupsThereAre() throws Exception {
        Run run = run("--servers", servers.toString(), "--group", "mail", "--token-file", token.toString(), "cpu");
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("outpost-cli: no server of group 'mail' in " + servers + " (its groups: db, web)"),
                run.err);
    }

    @Test
    void withoutTrustNewUnknownAgentsAreRefusedAndAChangedPinIsRefusedEvenWithIt() throws Exception {
        String known = known("pins");
        Run refused = run("--servers", servers.toString(), "--group", "web", "--token-file", token.toString(),
                "--known-agents", known, "--json", "cpu");
        assertEquals(1, refused.exit);
        assertEquals(3, refused.out.lines().filter(line -> line.contains("\"ok\":false")).count(), refused.out);
        assertTrue(refused.out.contains("is not known yet"), refused.out);

        assertEquals(0, run("--servers", servers.toString(), "--group", "db", "--token-file", token.toString(),
                "--known-agents", known, "--trust-new", "cpu").exit);
        String pins = Files.readString(Path.of(known));
        int dbPort = fleet.addresses().get(2).getPort();
        assertTrue(pins.contains("127.0.0.1\\:" + dbPort + "=SHA256"), pins);
        Files.writeString(Path.of(known), pins.replaceAll("(" + dbPort + "=SHA256\\\\?:)\\S+", "$1AAAA")); // stored as SHA256\\:...
        assertFalse(Files.readString(Path.of(known)).equals(pins), "the pin was changed");
        Run changed = run("--servers", servers.toString(), "--group", "db", "--token-file", token.toString(),
                "--known-agents", known, "--trust-new", "cpu");
        assertEquals(1, changed.exit);
        assertTrue(changed.out.contains("has CHANGED"), changed.out);
    }

    @Test
    void firstContactsWithTrustNewRunInParallelAndPinEveryAgent() throws Exception {
        List<Integer> agents = fleet.addresses().stream().map(InetSocketAddress::getPort).toList();
        try (TogetherGate gate = new TogetherGate(agents)) {
            List<Integer> ports = gate.ports();
            Path list = Files.writeString(folder.resolve("servers-gated.csv"), "name,host,port,group\n"
                    + "web-1,127.0.0.1," + ports.get(0) + ",web\n"
                    + "web-2,127.0.0.1," + ports.get(1) + ",web\n"
                    + "db-1,127.0.0.1," + ports.get(2) + ",db\n");
            String known = known("together");
            // the gate answers none of them until all three connected: first contacts taking turns would time out
            Run run = run("--servers", list.toString(), "--token-file", token.toString(), "--known-agents", known,
                    "--trust-new", "--parallel", "3", "--json", "cpu");
            assertEquals(0, run.exit, run.out + run.err);
            assertEquals(3, run.out.lines().filter(line -> line.contains("\"ok\":true")).count(), run.out);
            String pins = Files.readString(Path.of(known));
            for (int port : ports) {
                assertTrue(pins.contains("127.0.0.1\\:" + port + "=SHA256"), pins);
            }
        }
    }

    @Test
    void tokensComePerAgentFromTheTokensFileAndAWrongOneFailsOnlyThatAgent() throws Exception {
        List<InetSocketAddress> up = fleet.addresses();
        Path tokens = Files.writeString(folder.resolve("tokens.properties"),
                "127.0.0.1\\:" + up.get(0).getPort() + "=" + AgentFleet.TOKEN + "\n"
                        + "127.0.0.1\\:" + up.get(1).getPort() + "=not-the-token\n");
        Path noDefault = folder.resolve("no-such-token");
        Run run = run(noDefault, "--servers", servers.toString(), "--tokens", tokens.toString(), "--known-agents",
                known("tokens"), "--trust-new", "--json", "cpu");
        assertEquals(1, run.exit);
        Map<String, JsonObject> byServer = new TreeMap<>();
        run.out.lines().map(line -> new Gson().fromJson(line, JsonObject.class))
                .forEach(object -> byServer.put(object.get("server").getAsString(), object));
        assertTrue(byServer.get("web-1").get("ok").getAsBoolean(), byServer.toString());
        assertEquals("The agent at 127.0.0.1:" + up.get(1).getPort() + " refused the token.",
                byServer.get("web-2").get("error").getAsString());
        assertTrue(byServer.get("db-1").get("error").getAsString().startsWith("no token for 127.0.0.1:"
                + up.get(2).getPort()), byServer.toString());
    }

    @Test
    void cancellingOnExitStopsTheRunningCommandsOnTheAgents() throws Exception {
        CliArguments arguments = CliArguments.parse(null, folder, "--servers", servers.toString(), "--group", "web",
                "--token-file", token.toString(), "--known-agents", known("cancel"), "--trust-new", "--json",
                "sh:", "sleep", "30");
        String lines = CtrlC.cancelOnceRunning(services, arguments, 2); // web-1 and web-2 run it; web-down failed at once
        assertEquals(2, lines.lines().filter(line -> line.contains("\"error\":\"cancelled\"")).count(), lines);
    }

    private static String known(String name) {
        return folder.resolve("known_agents-" + name).toString();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) throws Exception {
        return run(folder.resolve("default-token"), args);
    }

    private static Run run(Path defaultToken, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            exit = CliRun.run(services, CliArguments.parse(defaultToken.toString(), folder, args), print(out), print(err));
        } catch (CliArguments.UsageException e) {
            throw new AssertionError(e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
