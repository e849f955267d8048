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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Cancel;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.testing.Conditions;

/** Shell commands on a real agent, for real processes: streaming, exit codes, cancel and timeout without orphans, policy. */
@EnabledOnOs(OS.LINUX)
class ShellIT {

    private static final String OPERATOR = "operator-token";
    private static final String VIEWER = "viewer-token";

    private Agent agent;
    private int port;

    private void start(ShellPolicy policy, int outputCap) throws Exception {
        Path data = Files.createTempDirectory("outpost-shell-it");
        Files.writeString(data.resolve("tokens.properties"), "operator.sha256=" + sha256Hex(OPERATOR)
                + "\noperator.roles=read,execute\nviewer.sha256=" + sha256Hex(VIEWER) + "\nviewer.roles=read\n");
        ServiceTracker<Agent, Agent> tracker = new ServiceTracker<>(FrameworkUtil.getBundle(ShellIT.class).getBundleContext(),
                Agent.class, null);
        tracker.open();
        agent = tracker.waitForService(10_000);
        assertNotNull(agent);
        AgentSettings settings = AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withTls(false).withShell(policy, Duration.ofSeconds(60), outputCap);
        port = agent.start(settings).address().getPort();
    }

    @AfterEach
    void stop() {
        agent.stop();
    }

    @Test
    void outputStreamsAsItComesWithStderrApartAndTheExitCodeAtTheEnd() throws Exception {
        start(new ShellPolicy(List.of("*"), List.of()), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        try (RawClient client = login(OPERATOR)) {
            client.send(new Request(1, "sh: for i in 1 2 3; do echo line $i; sleep 0.2; done; echo oops >&2; exit 3"));
            List<Output> chunks = new ArrayList<>();
            Message message;
            while (!((message = client.read()) instanceof Result)) {
                chunks.add((Output) message);
            }
            Result result = (Result) message;
            assertEquals(ResultStatus.OK, result.status());
            assertEquals(3, result.exitCode());
            assertTrue(result.durationMillis() >= 500, result.toString());
            String stdout = text(chunks, OutputKind.STDOUT);
            assertEquals("line 1\nline 2\nline 3\n", stdout);
            assertEquals("oops\n", text(chunks, OutputKind.STDERR));
            assertTrue(chunks.stream().filter(c -> c.kind() == OutputKind.STDOUT).count() >= 3,
                    "the lines came as they were written, not at the end: " + chunks);
        }
    }

    @Test
    void theOriginalPrefixesWork() throws Exception {
        start(new ShellPolicy(List.of("*"), List.of()), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        try (RawClient client = login(OPERATOR)) {
            client.send(new Request(1, "linux:echo $((6*7))"));
            assertEquals("42\n", client.read(Output.class).text());
            assertEquals(0, client.read(Result.class).exitCode());
            client.send(new Request(2, "dos: dir"));
            Result noCmd = client.read(Result.class);
            assertEquals(ResultStatus.FAILED, noCmd.status());
            assertTrue(noCmd.message().contains("cmd.exe exists only on Windows"), noCmd.message());
        }
    }

    @Test
    void nonAsciiOutputArrivesAsTheSameText() throws Exception {
        start(new ShellPolicy(List.of("*"), List.of()), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        try (RawClient client = login(OPERATOR)) {
            // "café Дом" as UTF-8 bytes, written by the process, decoded by the agent, re-encoded on the wire
            client.send(new Request(1, "sh: printf 'caf\\303\\251 \\320\\224\\320\\276\\320\\274\\n'"));
            assertEquals("café Дом\n", client.read(Output.class).text());
            assertEquals(0, client.read(Result.class).exitCode());
        }
    }

    @Test
    void cancelEndsTheWholeProcessTree() throws Exception {
        start(new ShellPolicy(List.of("*"), List.of()), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        String marker = "300.4711";
        try (RawClient client = login(OPERATOR)) {
            client.send(new Request(1, "sh: sleep " + marker + " & sleep " + marker + " & echo started; wait"));
            assertEquals("started\n", client.read(Output.class).text());
            // "started" can come before a background child has exec'd sleep: wait for both, bounded
            Conditions.waitUntil("two sleeps run", () -> processesWith(marker) == 2, Duration.ofSeconds(5));
            client.send(new Cancel(1));
            Result result = client.read(Result.class);
            assertEquals(ResultStatus.CANCELLED, result.status());
        }
        assertNoProcessLeft(marker);
    }

    @Test
    void aTimeoutEndsTheWholeProcessTree() throws Exception {
        start(new ShellPolicy(List.of("*"), List.of()), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        String marker = "301.4711";
        try (RawClient client = login(OPERATOR)) {
            client.send(new Request(1, 700, "sh: sleep " + marker + " & sleep " + marker + "; wait"));
            Result result = readResult(client);
            assertEquals(ResultStatus.TIMED_OUT, result.status());
            assertEquals("timed out after 700 ms", result.message());
        }
        assertNoProcessLeft(marker);
    }

    @Test
    void outputBeyondTheCapIsCutWithAVisibleMarker() throws Exception {
        start(new ShellPolicy(List.of("*"), List.of()), 10_000);
        try (RawClient client = login(OPERATOR)) {
            client.send(new Request(1, "sh: head -c 100000 /dev/zero | tr '\\0' x"));
            StringBuilder out = new StringBuilder();
            Message message;
            while (!((message = client.read()) instanceof Result)) {
                out.append(((Output) message).text());
            }
            assertTrue(((Result) message).truncated());
            assertTrue(out.toString().startsWith("x".repeat(10_000) + "\n[output cut at 10000 characters"), out.substring(0, 50));
            assertTrue(out.length() < 10_100, "nothing after the marker: " + out.length());
        }
    }

    @Test
    void aFloodIsPacedByAReaderThatFallsBehindInsteadOfCuttingItsConnection() throws Exception {
        int bytes = 24_000_000; // six times what the transport queues for a peer before it gives up on it
        start(new ShellPolicy(List.of("*"), List.of()), 32 << 20);
        try (RawClient client = login(OPERATOR)) {
            client.send(new Request(1, "sh: head -c " + bytes + " /dev/zero | tr '\\0' x"));
            Thread.sleep(1500); // not reading: the agent's queue toward this client fills up
            long received = 0;
            Message message;
            while (!((message = client.read()) instanceof Result)) {
                received += ((Output) message).text().length();
            }
            Result result = (Result) message;
            assertEquals(ResultStatus.OK, result.status(), result.toString());
            assertFalse(result.truncated());
            assertEquals(bytes, received);
            client.send(new Request(2, "sh: echo still here"));
            assertEquals("still here\n", client.read(Output.class).text());
        }
    }

    @Test
    void shellCommandsNeedTheExecuteRole() throws Exception {
        start(new ShellPolicy(List.of("*"), List.of()), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        try (RawClient viewer = login(VIEWER)) {
            viewer.send(new Request(1, "sh: id"));
            Result result = viewer.read(Result.class);
            assertEquals(ResultStatus.FORBIDDEN, result.status());
            assertEquals("'sh:' needs the execute role, which token 'viewer' does not have", result.message());
        }
    }

    @Test
    void onlyAllowedLinesRunAndNothingRunsByDefault() throws Exception {
        start(new ShellPolicy(List.of("echo *"), List.of("echo secret*")), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        try (RawClient client = login(OPERATOR)) {
            client.send(new Request(1, "sh: echo fine"));
            assertEquals("fine\n", client.read(Output.class).text());
            client.read(Result.class);
            for (String refused : new String[] { "sh: echo fine; id", "sh: echo secret-plan", "sh: id" }) {
                client.send(new Request(2, refused));
                Result result = client.read(Result.class);
                assertEquals(ResultStatus.FAILED, result.status(), refused);
                assertTrue(result.message().contains("is not allowed by this agent's shell.allow and shell.deny"),
                        result.message());
            }
        }
        agent.stop();
        start(ShellPolicy.DISABLED, AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        try (RawClient client = login(OPERATOR)) {
            client.send(new Request(3, "sh: echo hi"));
            Result result = client.read(Result.class);
            assertEquals(ResultStatus.FAILED, result.status());
            assertTrue(result.message().contains("shell commands are off on this agent"), result.message());
        }
    }

    @Test
    void helpListsOnlyTheShellsThisAgentRunsForThisToken() throws Exception {
        start(new ShellPolicy(List.of("*"), List.of()), AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        String operatorHelp = help(OPERATOR);
        assertTrue(operatorHelp.contains("  sh: linux:  "), operatorHelp);
        assertFalse(operatorHelp.contains("cmd:") || operatorHelp.contains("dos:"), "no cmd.exe on Linux: " + operatorHelp);
        assertEquals(onPath("pwsh"), operatorHelp.contains("powershell:"), "PowerShell only where it is installed: " + operatorHelp);
        String viewerHelp = help(VIEWER);
        assertTrue(viewerHelp.contains("cpu"), viewerHelp);
        assertFalse(viewerHelp.contains("sh:"), "no shell for a token without the execute role: " + viewerHelp);
        agent.stop();
        start(ShellPolicy.DISABLED, AgentSettings.DEFAULT_OUTPUT_CAP_BYTES);
        String shellOffHelp = help(OPERATOR);
        assertTrue(shellOffHelp.contains("cpu"), shellOffHelp);
        assertFalse(shellOffHelp.contains("sh:"), "no shell where the configuration turns it off: " + shellOffHelp);
    }

    private String help(String token) throws Exception {
        try (RawClient client = login(token)) {
            client.send(new Request(1, "help"));
            String text = client.read(Output.class).text();
            assertEquals(ResultStatus.OK, client.read(Result.class).status());
            return text;
        }
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    private static String text(List<Output> chunks, OutputKind kind) {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(chunk -> chunk.kind() == kind).forEach(chunk -> text.append(chunk.text()));
        return text.toString();
    }

    private static Result readResult(RawClient client) throws Exception {
        Message message;
        while (!((message = client.read()) instanceof Result)) {
            // output
        }
        return (Result) message;
    }

    private static long processesWith(String marker) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .filter(process -> process.info().command().map(command -> command.endsWith("sleep")).orElse(false))
                .count();
    }

    private static void assertNoProcessLeft(String marker) throws InterruptedException {
        Conditions.waitUntil("no process of the command is left", () -> processesWith(marker) == 0, Duration.ofSeconds(5));
    }

    private RawClient login(String token) throws Exception {
        RawClient client = new RawClient(port);
        client.read(Hello.class);
        client.send(Auth.current(token));
        client.read(AuthOk.class);
        return client;
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
