package outpost.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import outpost.testing.MosquittoBroker;

/**
 * Broker mode as installed from the agent archive: the agent, configured with broker.* keys,
 * announces itself on a real Mosquitto (TLS, accounts, the shipped ACL), and the installed
 * outpost-cli, on its plain class path, lists it and runs a command on it through the broker.
 */
@EnabledOnOs(OS.LINUX)
class BrokerCliProductTest {

    @TempDir
    Path work;

    @Test
    void theInstalledCliListsTheAgentAndAsksItThroughTheBroker() throws Exception {
        Path install = work.resolve("outpost-agent");
        AgentProductTest.unpackArchive(install);
        try (MosquittoBroker broker = new MosquittoBroker(MosquittoBroker.shippedAcl())) {
            broker.addAccount("web-1", "agent-secret").addAccount("ops", "console-secret").start();
            Path config = Files.writeString(work.resolve("agent.cfg"), String.join("\n",
                    "broker.url = " + broker.url(),
                    "broker.username = web-1",
                    "broker.passwordFile = " + broker.passwordFile("web-1", "agent-secret"),
                    "broker.caFile = " + broker.caFile(), ""));
            Path data = work.resolve("data");
            Path agentOutput = work.resolve("agent.out");
            Process agent = new ProcessBuilder(install.resolve("outpost-agent").toString(), "--port",
                    String.valueOf(AgentProductTest.freePort()), "--data", data.toString(), "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(agentOutput.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!read(agentOutput).contains("connected to the broker")) {
                    if (!agent.isAlive() || System.nanoTime() > deadline) {
                        fail("the agent did not reach the broker: " + read(agentOutput));
                    }
                    Thread.sleep(50);
                }
                List<String> brokerOptions = List.of("--broker", broker.url(), "--broker-user", "ops",
                        "--broker-password-file", broker.passwordFile("ops", "console-secret").toString(), "--broker-ca",
                        broker.caFile().toString());

                String list = cli(install, brokerOptions, "--list");
                assertTrue(list.matches("(?s)ID +ONLINE.*\nweb-1 +online .*1 agent: 1 online, 0 offline\n"), list);

                String cpu = cli(install, brokerOptions, "--agent", "web-1", "--token-file", data.resolve("token").toString(),
                        "--known-agents", work.resolve("known_agents").toString(), "--trust-new", "cpu");
                assertTrue(cpu.startsWith("CPU: "), cpu);
                assertTrue(Files.readString(work.resolve("known_agents")).contains("web-1\\:0=SHA256"), "pinned as web-1:0");
            } finally {
                agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Runs the installed outpost-cli; its standard output once it exited with 0 (its error output in the failure). */
    private String cli(Path install, List<String> brokerOptions, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(install.resolve("outpost-cli").toString()));
        command.addAll(brokerOptions);
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(work, "cli", ".out");
        Path errors = Files.createTempFile(work, "cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
        builder.environment().put("OUTPOST_CLI_CDS", "off");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not end within 60 s: " + read(errors));
        }
        assertEquals(0, process.exitValue(), read(output) + read(errors));
        return read(output);
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
