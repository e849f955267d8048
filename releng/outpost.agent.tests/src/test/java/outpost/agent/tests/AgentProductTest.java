package outpost.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent product as installed: its launch script, its first start, and how it stops when the
 * service manager (or Ctrl+C) sends it SIGTERM while a client runs a command.
 */
@EnabledOnOs(OS.LINUX)
class AgentProductTest {

    private static final long START_LIMIT_SECONDS = 90;

    @TempDir
    Path work;
    private Path install;
    private Path data;
    private int port;
    private Process agent;
    private Path agentOutput;

    @BeforeEach
    void unpackAndStart() throws Exception {
        install = work.resolve("outpost-agent");
        unpackArchive(install);
        data = work.resolve("data");
        Path config = work.resolve("agent.cfg");
        Files.writeString(config, "shell.allow.1 = sleep *\n");
        port = freePort();
        agentOutput = work.resolve("agent.out");
        agent = new ProcessBuilder(install.resolve("outpost-agent").toString(), "--port", String.valueOf(port), "--data",
                data.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(agentOutput.toFile()).start();
        awaitOutput(agentOutput, "listening on", START_LIMIT_SECONDS);
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermTellsTheClientStopsItsCommandFlushesTheAuditAndExits() throws Exception {
        Result cpu = cli("cpu");
        assertEquals(0, cpu.exitCode(), cpu.output());
        assertTrue(cpu.output().contains("%"), cpu.output());

        Path clientOutput = work.resolve("client.out");
        Process client = new ProcessBuilder(cliCommand("sh: sleep 30")).redirectErrorStream(true)
                .redirectOutput(clientOutput.toFile()).start();
        ProcessHandle sleep = awaitDescendant(agent.toHandle(), "sleep");

        agent.destroy(); // SIGTERM, as systemctl stop sends it
        assertTrue(agent.waitFor(20, TimeUnit.SECONDS), "the agent did not exit within 20 s of SIGTERM");
        assertTrue(client.waitFor(20, TimeUnit.SECONDS), "the client did not end when the agent stopped");

        String agentLog = Files.readString(agentOutput);
        assertTrue(agentLog.contains("stopping (signal received)"), agentLog);
        String clientLog = Files.readString(clientOutput);
        assertNotEquals(0, client.exitValue(), clientLog);
        assertTrue(clientLog.contains("stopping"), "the client was not told the agent is stopping: " + clientLog);
        assertFalse(awaitEnd(sleep), "the shell command outlived the agent: pid " + sleep.pid());

        String audit = Files.readString(data.resolve("audit.log.0"));
        assertTrue(audit.contains("cpu"), "the read request queued for the audit log was lost: " + audit);
        assertTrue(audit.contains("sh: sleep 30"), audit);
        // The framework stopped too: the extension registry saved its cache for the next start.
        try (Stream<Path> registry = Files.list(install.resolve("configuration/org.eclipse.core.runtime"))) {
            assertTrue(registry.anyMatch(file -> file.getFileName().toString().startsWith(".mainData")),
                    "no extension registry cache after the stop");
        }
    }

    @Test
    void aSecondStartAfterSigtermServesAgain() throws Exception {
        agent.destroy();
        assertTrue(agent.waitFor(20, TimeUnit.SECONDS), "the agent did not exit within 20 s of SIGTERM");
        Files.delete(agentOutput);
        agent = new ProcessBuilder(install.resolve("outpost-agent").toString(), "--port", String.valueOf(port), "--data",
                data.toString()).redirectErrorStream(true).redirectOutput(agentOutput.toFile()).start();
        awaitOutput(agentOutput, "listening on", START_LIMIT_SECONDS);
        Result name = cli("name");
        assertEquals(0, name.exitCode(), name.output());
        assertTrue(name.output().contains(hostName()), name.output());
    }

    private Result cli(String command) throws Exception {
        return run(cliCommand(command), 60);
    }

    private List<String> cliCommand(String command) {
        return List.of(install.resolve("outpost-cli").toString(), "--port", String.valueOf(port), "--token-file",
                data.resolve("token").toString(), "--known-agents", work.resolve("known_agents").toString(),
                "--trust-new", command);
    }

    /** The linux archive the build left in the agent product's target folder. */
    static Path archive() throws IOException {
        Path products = Path.of(System.getProperty("outpost.agent.products", "../../products/outpost.agent.product/target/products"));
        try (Stream<Path> files = Files.list(products)) {
            return files.filter(file -> file.getFileName().toString().matches("outpost-agent-.*-linux\\.gtk\\.x86_64\\.tar\\.gz"))
                    .findFirst().orElseThrow(() -> new IOException("no agent product archive in " + products));
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> command, long limitSeconds) throws Exception {
        Path output = Files.createTempFile(work, "run", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not end within " + limitSeconds + " s: " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private void awaitOutput(Path file, String text, long limitSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        while (System.nanoTime() < deadline) {
            String output = Files.exists(file) ? Files.readString(file) : "";
            if (output.contains(text)) {
                return;
            }
            if (!agent.isAlive()) {
                fail("the agent exited (" + agent.exitValue() + ") before printing '" + text + "': " + output);
            }
            Thread.sleep(50);
        }
        fail("the agent did not print '" + text + "' within " + limitSeconds + " s: " + Files.readString(file));
    }

    private static ProcessHandle awaitDescendant(ProcessHandle parent, String command) throws InterruptedException {
        for (int attempt = 0; attempt < 400; attempt++) { // 20 s
            Optional<ProcessHandle> found = parent.descendants()
                    .filter(process -> process.info().command().map(c -> c.endsWith("/" + command)).orElse(false))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + command + "' process under the agent within 20 s");
    }

    /** Whether the process is still alive after up to 10 s. */
    private static boolean awaitEnd(ProcessHandle process) throws InterruptedException {
        for (int attempt = 0; attempt < 200 && process.isAlive(); attempt++) {
            Thread.sleep(50);
        }
        return process.isAlive();
    }

    /** A loopback port free at this moment, for an agent the test starts. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Unpacks the Linux agent archive into {@code install}, as docs/INSTALL.md says. */
    static void unpackArchive(Path install) throws Exception {
        Files.createDirectories(install);
        Process tar = new ProcessBuilder("tar", "-xzf", archive().toString(), "-C", install.toString(),
                "--strip-components=1").inheritIO().start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar failed");
    }

    private static String hostName() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    }
}
