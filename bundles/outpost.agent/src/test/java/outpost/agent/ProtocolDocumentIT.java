package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Cancel;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.protocol.Output;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.protocol.Role;

/**
 * Keeps docs/PROTOCOL.md true to the agent, as ProtocolDocumentTest does for its hex examples: each
 * test takes a statement from the document (its words or its lists) and checks it on the wire.
 */
class ProtocolDocumentIT {

    private static final int OUTPUT_CAP = 100_000; // above every built-in answer, sysinfo included

    private Agent agent;
    private String document;
    private String token;
    private RawClient client;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        document = Files.readString(protocolDocument());
        registrations.add(context().registerService(AgentCommand.class, new Flood(), null));
        registrations.add(context().registerService(AgentCommand.class, new Slow(), null));
        registrations.add(context().registerService(AgentCommand.class, new LateOutput(), null));
        Path data = Files.createTempDirectory("outpost-protocol-document-it");
        token = "document-token";
        Files.writeString(data.resolve("tokens.properties"), "admin.sha256=" + HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                + "\nadmin.roles=read,execute,admin\n");
        ServiceTracker<Agent, Agent> tracker = new ServiceTracker<>(context(), Agent.class, null);
        tracker.open();
        agent = tracker.waitForService(10_000);
        assertNotNull(agent);
        int port = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withTls(false).withShell(ShellPolicy.DISABLED, Duration.ofSeconds(60), OUTPUT_CAP)).address().getPort();
        client = login(port);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        agent.stop();
        registrations.forEach(ServiceRegistration::unregister);
    }

    @Test
    void outputBeyondTheCapEndsWithTheDocumentsMarkerAndTruncatedIsSet() throws Exception {
        Matcher marker = Pattern.compile("`(\\\\n\\[output cut at N characters[^`]*\\]\\\\n)`").matcher(document);
        assertTrue(marker.find(), "the document shows the marker");
        String expected = marker.group(1).replace("\\n", "\n").replace("N", String.valueOf(OUTPUT_CAP));
        client.send(new Request(1, "flood"));
        StringBuilder output = new StringBuilder();
        Result result = readResult(1, output);
        assertEquals("x".repeat(OUTPUT_CAP) + expected, output.toString());
        assertTrue(result.truncated(), result.toString());
        assertEquals(ResultStatus.OK, result.status(), "the status is what it would have been");
        assertFalse(document.contains("always sends 0"), "the document no longer says truncated is always 0");
    }

    @Test
    void aRequestIdOfZeroIsFatalAsTheErrorCodeTableSays() throws Exception {
        assertSays("`REQUEST` or `CANCEL` with an id ≤ 0 (`request ids must be positive, not ID`) | closed (fatal), always");
        client.send(new Request(0, "cpu"));
        assertEquals(ErrorReport.fatal(ErrorCode.PROTOCOL_ERROR, "request ids must be positive, not 0"),
                client.read(ErrorReport.class));
        assertTrue(client.closedByPeer());
    }

    @Test
    void resetSendsResettingThenShuttingDownWithTheDocumentsTexts() throws Exception {
        assertSays("Sent on `reset` to every authenticated client, text `the agent is resetting`,"
                + " followed by `ERROR(0, SHUTTING_DOWN, \"the agent is resetting\")`");
        client.send(new Request(1, "reset"));
        readResult(1, new StringBuilder());
        assertEquals(new Notice(NoticeKind.RESETTING, "the agent is resetting"), client.read(Notice.class));
        assertEquals(ErrorReport.fatal(ErrorCode.SHUTTING_DOWN, "the agent is resetting"), client.read(ErrorReport.class));
        assertTrue(client.closedByPeer());
    }

    @Test
    void aQueuedRequestThatIsCancelledGetsItsResultAtOnceAndFreesItsId() throws Exception {
        assertSays("never starts: the agent sends its `RESULT` (`CANCELLED` or `TIMED_OUT`, exit code -1, duration 0) at once.");
        assertFalse(document.contains("dropped without a `RESULT`"), "the stale note is gone");
        for (int id = 1; id <= 8; id++) {
            client.send(new Request(id, "slow")); // every worker busy
        }
        for (int started = 0; started < 8;) {
            if (client.read() instanceof Output) {
                started++;
            }
        }
        client.send(new Request(50, "slow"));
        client.send(new Cancel(50));
        Result cancelled = readResult(50, new StringBuilder());
        assertEquals(new Result(50, ResultStatus.CANCELLED, -1, 0, false, "cancelled"), cancelled);
        client.send(new Request(50, "name")); // the id is free again: accepted, not DUPLICATE_ID
        readResult(50, new StringBuilder());
        for (int id = 1; id <= 8; id++) {
            client.send(new Cancel(id));
        }
    }

    @Test
    void timeoutMessagesNameWholeSecondsOrMilliseconds() throws Exception {
        assertSays("5000 gives `timed out after 5 s`, 1500 `timed out after 1500 ms`");
        client.send(new Request(1, 1500, "slow"));
        assertEquals("timed out after 1500 ms", readResult(1, new StringBuilder()).message());
        client.send(new Request(2, 1000, "slow"));
        assertEquals("timed out after 1 s", readResult(2, new StringBuilder()).message());
    }

    @Test
    void aDuplicateIdRefusesOnlyTheNewRequestAndTheRunningOneEndsNormally() throws Exception {
        assertSays("it refuses only the new `REQUEST` and does **not** end the running one");
        client.send(new Request(3, 2000, "slow"));
        client.read(Output.class);
        client.send(new Request(3, "name"));
        assertEquals(new ErrorReport(3, ErrorCode.DUPLICATE_ID, "request 3 is already in flight"),
                client.read(ErrorReport.class));
        client.send(new Cancel(3));
        assertEquals(ResultStatus.CANCELLED, readResult(3, new StringBuilder()).status(),
                "the running request 3 still gets its own result");
    }

    @Test
    void nothingOfARequestFollowsItsResultNotEvenOutputTheCancelCaused() throws Exception {
        assertSays("Nothing of the request follows its `RESULT`.");
        client.send(new Request(5, "late"));
        client.read(Output.class); // it runs
        client.send(new Cancel(5));
        assertEquals(ResultStatus.CANCELLED, readResult(5, new StringBuilder()).status());
        client.send(new Request(6, "slow 300")); // longer than the late output takes to come
        while (true) {
            Message message = client.read();
            if (message instanceof Output output && output.id() == 5) {
                fail("OUTPUT after the RESULT of request 5: " + output);
            }
            if (message instanceof Result result && result.id() == 6) {
                break;
            }
        }
    }

    @Test
    void theReadRoleRowAndTheCommandListNameEveryReadCommand() throws Exception {
        String readRow = document.lines().filter(line -> line.startsWith("| `read` |")).findFirst().orElseThrow();
        String commands = section("### Commands", "### Cancel");
        for (ServiceReference<AgentCommand> reference : context().getServiceReferences(AgentCommand.class, null)) {
            AgentCommand command = context().getService(reference);
            try {
                if (command.requiredRole() == Role.READ && !registeredHere(command)) {
                    String word = "`" + command.name().split(" ")[0];
                    assertTrue(readRow.contains(word), command.name() + " is in the roles table: " + readRow);
                    assertTrue(commands.contains(word), command.name() + " is in the command list");
                }
            } finally {
                context().ungetService(reference);
            }
        }
    }

    @Test
    void theCommandsAnsweredAtOnceAreTheQuickOnesAndIpIsNotAmongThem() throws Exception {
        Matcher list = Pattern.compile("declare themselves quick \\(the built-in ([^)]*)\\)").matcher(document);
        assertTrue(list.find());
        List<String> quick = Pattern.compile("`([a-z]+)`").matcher(list.group(1)).results().map(m -> m.group(1)).toList();
        assertFalse(quick.contains("ip"), quick.toString());
        for (ServiceReference<AgentCommand> reference : context().getServiceReferences(AgentCommand.class, null)) {
            AgentCommand command = context().getService(reference);
            try {
                if (!registeredHere(command)) {
                    assertEquals(quick.contains(command.name()), command.isQuick(), command.name());
                }
            } finally {
                context().ungetService(reference);
            }
        }
    }

    @Test
    void theBuiltInCommandsAnswersHaveNoTrailingLineBreak() throws Exception {
        assertSays("The built-in commands send their answer as one chunk with **no trailing line break**");
        int id = 1;
        for (String command : List.of("cpu", "ram", "os", "name", "ip", "net", "uptime", "load", "disk", "procs", "sysinfo")) {
            client.send(new Request(id, command));
            StringBuilder output = new StringBuilder();
            assertEquals(ResultStatus.OK, readResult(id++, output).status(), command);
            assertFalse(output.isEmpty() || output.charAt(output.length() - 1) == '\n', command + ": " + output);
        }
    }

    /** The document says this, whatever its line breaks. */
    private void assertSays(String statement) {
        assertTrue(document.replaceAll("\\s+", " ").contains(statement), "docs/PROTOCOL.md says: " + statement);
    }

    private String section(String from, String to) {
        return document.substring(document.indexOf(from), document.indexOf(to, document.indexOf(from)));
    }

    private static boolean registeredHere(AgentCommand command) {
        return command instanceof Flood || command instanceof Slow || command instanceof LateOutput
                || command.getClass().getName().startsWith("outpost.agent.AgentProtocolIT");
    }

    private Result readResult(int id, StringBuilder output) throws IOException {
        while (true) {
            Message message = client.read();
            if (message instanceof Output chunk && chunk.id() == id) {
                output.append(chunk.text());
            } else if (message instanceof Result result && result.id() == id) {
                return result;
            }
        }
    }

    private RawClient login(int port) throws IOException {
        RawClient raw = new RawClient(port);
        raw.read(Hello.class);
        raw.send(Auth.current(token));
        raw.read(AuthOk.class);
        return raw;
    }

    /** docs/PROTOCOL.md, found from the test's working directory upwards. */
    static Path protocolDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("PROTOCOL.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/PROTOCOL.md not found above " + Path.of("").toAbsolutePath());
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(ProtocolDocumentIT.class).getBundleContext();
    }

    /** Writes more than the cap in three pieces. */
    private static final class Flood implements AgentCommand {
        @Override
        public String name() {
            return "flood";
        }

        @Override
        public String help() {
            return "test: output past the cap";
        }

        @Override
        public int execute(CommandContext context) {
            context.stdout("x".repeat(OUTPUT_CAP - 10));
            context.stdout("x".repeat(500));
            context.stdout("never shown");
            return 0;
        }
    }

    /** Says it started, then waits (default 60 s, or the milliseconds given) until stopped. */
    private static final class Slow implements AgentCommand {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public String help() {
            return "test: waits";
        }

        @Override
        public int execute(CommandContext context) throws Exception {
            context.stdout("started\n");
            Thread.sleep(context.arguments().isEmpty() ? 60_000 : Long.parseLong(context.arguments()));
            return 0;
        }
    }

    /** On cancel, leaves output behind that comes after it returned, as a killed process's pumps do. */
    private static final class LateOutput implements AgentCommand {
        @Override
        public String name() {
            return "late";
        }

        @Override
        public String help() {
            return "test: output after the cancel";
        }

        @Override
        public int execute(CommandContext context) throws Exception {
            context.stdout("started\n");
            try {
                Thread.sleep(60_000);
                return 0;
            } catch (InterruptedException e) {
                Thread late = new Thread(() -> {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                    context.stdout("Killed\n");
                });
                late.start();
                throw e;
            }
        }
    }
}
