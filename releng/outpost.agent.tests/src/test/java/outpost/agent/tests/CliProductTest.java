package outpost.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * outpost-cli as installed from the agent archive: it runs on a plain class path (no OSGi
 * framework, so no configuration area in the cache), keeps a class-data archive in the user's
 * cache once a run succeeded and maps it in the next runs, and still does what the OSGi
 * application did: fan-out with --json, exit codes, usage errors, and Ctrl+C cancelling the
 * command on the agent, with the archive and while the first run writes it.
 */
@EnabledOnOs(OS.LINUX)
class CliProductTest {

    private static final long START_LIMIT_SECONDS = 90;

    @TempDir
    static Path work;
    private static Path install;
    private static Path data;
    private static int port;
    private static Process agent;
    private static Path agentOutput;
    private Path cache;

    @BeforeAll
    static void unpackAndStartAgent() throws Exception {
        install = work.resolve("outpost-agent");
        AgentProductTest.unpackArchive(install);
        data = work.resolve("data");
        Path config = work.resolve("agent.cfg");
        Files.writeString(config, "shell.allow.1 = sleep *\n");
        port = AgentProductTest.freePort();
        agentOutput = work.resolve("agent.out");
        agent = new ProcessBuilder(install.resolve("outpost-agent").toString(), "--port", String.valueOf(port), "--data",
                data.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(agentOutput.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_LIMIT_SECONDS);
        while (!read(agentOutput).contains("listening on")) {
            if (!agent.isAlive() || System.nanoTime() > deadline) {
                fail("the agent did not start: " + read(agentOutput));
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopAgent() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void freshCache() throws IOException {
        cache = Files.createTempDirectory(work, "cache");
    }

    @Test
    void aSuccessfulRunLeavesAClassDataArchiveAndNoFrameworkArea() throws Exception {
        Result help = cli(List.of("--help"));
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().startsWith("Usage: outpost-cli"), help.output());
        assertEquals(List.of(), cacheFiles(), "--help loads too few classes to be worth an archive");

        Result first = cli(agentArguments("cpu"));
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("%"), first.output());
        List<Path> files = cacheFiles();
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).getFileName().toString().matches("cli-\\d+\\.jsa"), files.toString());
        assertTrue(Files.isRegularFile(files.get(0)), "an OSGi configuration area instead of an archive: " + files);

        long written = Files.getLastModifiedTime(files.get(0)).toMillis();
        Result second = cli(agentArguments("name"));
        assertEquals(0, second.exitCode(), second.output());
        assertEquals(files, cacheFiles());
        assertEquals(written, Files.getLastModifiedTime(files.get(0)).toMillis(), "the archive was written again");
    }

    @Test
    void aFailedRunLeavesNoArchive() throws Exception {
        Result refused = cli(List.of("--port", String.valueOf(port), "--token-file", writeToken("not-the-token").toString(),
                "--known-agents", work.resolve("known_agents").toString(), "--trust-new", "cpu"));
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("refused the token"), refused.output());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void fanOutPrintsOneJsonObjectPerServerAndExitsWithOneWhenOneFailed() throws Exception {
        int down = AgentProductTest.freePort();
        Path servers = Files.writeString(work.resolve("servers-" + System.nanoTime() + ".csv"),
                "name,host,port,group\nup,127.0.0.1," + port + ",web\ndown,127.0.0.1," + down + ",db\n");
        List<String> all = new ArrayList<>(List.of("--servers", servers.toString(), "--token-file",
                data.resolve("token").toString(), "--known-agents", work.resolve("known_agents").toString(), "--trust-new",
                "--json", "name"));
        Result both = cli(all);
        assertEquals(1, both.exitCode(), both.output());
        assertTrue(both.output().contains("\"server\":\"up\"") && both.output().contains("\"ok\":true"), both.output());
        assertTrue(both.output().contains("\"server\":\"down\"") && both.output().contains("\"ok\":false"), both.output());

        all.addAll(2, List.of("--group", "web"));
        Result web = cli(all);
        assertEquals(0, web.exitCode(), web.output());
        assertFalse(web.output().contains("\"server\":\"down\""), web.output());
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Result unknown = cli(List.of("--no-such-option", "cpu"));
        assertEquals(2, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("unknown option '--no-such-option'"), unknown.output());
        Result missingList = cli(List.of("--servers", work.resolve("no-such.csv").toString(), "cpu"));
        assertEquals(2, missingList.exitCode(), missingList.output());
    }

    @Test
    void ctrlCCancelsTheCommandOnTheAgentWhileTheArchiveIsWrittenAndOnceTheJvmMapsIt() throws Exception {
        for (String run : List.of("writes the archive", "maps the archive")) {
            Path output = Files.createTempFile(work, "sleep", ".out");
            // its own process group, which is what Ctrl+C in a terminal signals: the script and its JVM
            ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("setsid", install.resolve("outpost-cli").toString()),
                    agentArguments("sh: sleep 30").stream()).toList()).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("XDG_CACHE_HOME", cache.toString());
            Process client = builder.start();
            long sleep = awaitSleepUnderAgent();
            if (run.equals("maps the archive")) { // setsid and the script exec: the client's pid is its JVM's
                String commandLine = Files.readString(Path.of("/proc/" + client.pid() + "/cmdline")).replace('\0', ' ');
                assertTrue(commandLine.contains("outpost.cli.internal.CliMain") && !commandLine.contains("equinox"),
                        commandLine);
                String maps = Files.readString(Path.of("/proc/" + client.pid() + "/maps"));
                assertTrue(maps.contains(cacheFiles().get(0).toString()), "the JVM does not map the class-data archive");
            }
            new ProcessBuilder("kill", "-INT", "--", "-" + client.pid()).inheritIO().start().waitFor();
            assertTrue(client.waitFor(20, TimeUnit.SECONDS), run + ": outpost-cli did not end on Ctrl+C");
            String said = read(output);
            assertTrue(said.contains("cancelling 1 command on the agents"), run + ": " + said);
            assertTrue(client.exitValue() != 0, run + ": " + said);
            assertTrue(awaitEnd(sleep), run + ": the command outlived the client: pid " + sleep);
            if (run.equals("writes the archive")) {
                assertEquals(List.of(), cacheFiles(), "an archive of an interrupted run was kept");
                Result success = cli(agentArguments("cpu"));
                assertEquals(0, success.exitCode(), success.output());
                assertEquals(1, cacheFiles().size());
            }
        }
    }

    private List<String> agentArguments(String command) {
        return List.of("--port", String.valueOf(port), "--token-file", data.resolve("token").toString(), "--known-agents",
                work.resolve("known_agents").toString(), "--trust-new", command);
    }

    private Path writeToken(String token) throws IOException {
        return Files.writeString(Files.createTempFile(work, "token", ""), token);
    }

    private List<Path> cacheFiles() throws IOException {
        Path outpost = cache.resolve("outpost");
        if (!Files.exists(outpost)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outpost)) {
            return files.sorted().toList();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result cli(List<String> arguments) throws Exception {
        Path output = Files.createTempFile(work, "cli", ".out");
        List<String> command = new ArrayList<>(List.of(install.resolve("outpost-cli").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not end within 60 s: " + read(output));
        }
        return new Result(process.exitValue(), read(output));
    }

    /** The pid of the {@code sleep} the agent started for the client. */
    private static long awaitSleepUnderAgent() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var sleep = agent.toHandle().descendants()
                    .filter(process -> process.info().command().map(c -> c.endsWith("/sleep")).orElse(false)).findFirst();
            if (sleep.isPresent()) {
                return sleep.get().pid();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no sleep process under the agent within 30 s");
    }

    /** Whether the process ended within 10 s. */
    private static boolean awaitEnd(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(50);
            } else {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
