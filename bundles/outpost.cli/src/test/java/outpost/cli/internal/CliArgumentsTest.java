package outpost.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CliArgumentsTest {

    private static final Path HOME = Path.of("/home/ops/.outpost");

    @Test
    void defaultsToTheLocalAgentOverTlsWithoutTrustingNewAgents() throws Exception {
        assertEquals(new CliArguments("127.0.0.1", 5005, 30, HOME.resolve("token"), false, HOME.resolve("tokens.properties"),
                HOME.resolve("known_agents"), false, false, null, null, false, 64, "cpu", false, outpost.transport.TlsEngine.AUTO, false, null),
                CliArguments.parse(null, HOME, "cpu"));
    }

    @Test
    void theEnvironmentNamesTheTokenFileUnlessAnOptionDoes() throws Exception {
        CliArguments fromEnvironment = CliArguments.parse("/srv/token", HOME, "cpu");
        assertEquals(Path.of("/srv/token"), fromEnvironment.tokenFile());
        assertFalse(fromEnvironment.tokenFileGiven(), "the tokens file still wins for agents it names");
        CliArguments given = CliArguments.parse("/srv/token", HOME, "--token-file", "/x", "cpu");
        assertEquals(Path.of("/x"), given.tokenFile());
        assertTrue(given.tokenFileGiven());
    }

    @Test
    void optionsComeBeforeTheCommandWhoseWordsAreJoined() throws Exception {
        CliArguments arguments = CliArguments.parse(null, HOME, "--host", "web-01", "--port", "6000", "--timeout", "5",
                "--trust-new", "--plain-tcp", "--known-agents", "/k", "--json", "ping", "--count", "3");
        assertEquals(new CliArguments("web-01", 6000, 5, HOME.resolve("token"), false, HOME.resolve("tokens.properties"),
                Path.of("/k"), true, true, null, null, true, 64, "ping --count 3", false, outpost.transport.TlsEngine.AUTO, false, null), arguments);
        assertFalse(arguments.fanOut());
    }

    @Test
    void theTlsEngineIsChosenByWordAndVerboseSaysWhichRuns() throws Exception {
        CliArguments arguments = CliArguments.parse(null, HOME, "--tls-engine", "JDK", "--verbose", "cpu");
        assertEquals(outpost.transport.TlsEngine.JDK, arguments.tlsEngine());
        assertTrue(arguments.verbose());
        CliArguments.UsageException wrong = org.junit.jupiter.api.Assertions.assertThrows(CliArguments.UsageException.class,
                () -> CliArguments.parse(null, HOME, "--tls-engine", "boringssl", "cpu"));
        assertEquals("--tls-engine must be auto, openssl or jdk, not 'boringssl'", wrong.getMessage());
    }

    @Test
    void aGroupWithABrokerSelectsItsAgentsAndFansOut() throws Exception {
        CliArguments arguments = CliArguments.parse(null, HOME, "--broker", "tcp://127.0.0.1:1883", "--group", " web ", "cpu");
        assertEquals("web", arguments.broker().group(), "stripped, as with --servers");
        assertTrue(arguments.broker().agents().isEmpty());
        assertFalse(arguments.broker().allOnline());
        assertTrue(arguments.fanOut(), "a group fans out even when one agent is in it, as --servers --group does");
        assertNull(CliArguments.parse(null, HOME, "--broker", "tcp://127.0.0.1:1883", "--agent", "a", "cpu").broker().group());
    }

    @Test
    void aServerListFansOutToItsGroupWithPerAgentTokens() throws Exception {
        CliArguments arguments = CliArguments.parse(null, HOME, "--servers", "/etc/fleet.csv", "--group", " web ",
                "--tokens", "/t.properties", "--parallel", "8", "--json", "uptime");
        assertTrue(arguments.fanOut());
        assertEquals(Path.of("/etc/fleet.csv"), arguments.serversFile());
        assertEquals("web", arguments.group());
        assertEquals(Path.of("/t.properties"), arguments.tokensFile());
        assertEquals(8, arguments.parallel());
        assertTrue(arguments.json());
        assertNull(CliArguments.parse(null, HOME, "--servers", "f.csv", "cpu").group());
    }

    @Test
    void aBrokerReachesAgentsByIdWithTheAccountAsClientIdAndOneAgentStreams() throws Exception {
        CliArguments arguments = CliArguments.parse(null, HOME, "--broker", "ssl://broker.example:8883", "--broker-user",
                "ops", "--broker-password-file", "/p", "--broker-ca", "/ca.pem", "--agents", "web-1, web-2", "--agent",
                "web-1", "--agent", "db-1", "uptime");
        BrokerArguments broker = arguments.broker();
        assertEquals(java.util.List.of("web-1", "web-2", "db-1"), broker.agents(), "in the order given, once each");
        assertEquals("ops", broker.effectiveClientId(), "the shipped ACL expects the account name");
        assertEquals("ops", broker.settings().clientId());
        assertEquals(java.util.Optional.of(Path.of("/ca.pem")), broker.settings().caFile());
        assertTrue(arguments.fanOut());
        assertEquals("uptime", arguments.commandLine());

        CliArguments one = CliArguments.parse(null, HOME, "--broker", "tcp://127.0.0.1:1883", "--agent", "web-1",
                "--client-id", "ci-runner", "cpu");
        assertFalse(one.fanOut(), "one agent streams, as --host does");
        assertEquals("ci-runner", one.broker().settings().clientId());
        String anonymous = CliArguments.parse(null, HOME, "--broker", "tcp://127.0.0.1:1883", "--all-online", "cpu")
                .broker().effectiveClientId();
        assertTrue(anonymous.startsWith("outpost-cli-" + System.getProperty("user.name") + "-"), anonymous);
        assertTrue(BrokerArguments.isTopicLevel(anonymous), anonymous);

        CliArguments list = CliArguments.parse(null, HOME, "--broker", "tcp://127.0.0.1:1883", "--list", "--json");
        assertTrue(list.broker().list());
        assertEquals("", list.commandLine());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                   | no command given (try: outpost-cli help)",
            "--port 0 cpu                         | --port must be between 1 and 65535, not 0",
            "--port http cpu                      | --port must be a number, not 'http'",
            "--timeout                            | --timeout needs a value",
            "--frobnicate cpu                     | unknown option '--frobnicate'",
            "--group web cpu                      | --group needs --servers or --broker",
            "--tokens t.properties cpu            | --tokens needs --servers or --broker",
            "--parallel 4 cpu                     | --parallel needs --servers or --broker",
            "--servers f.csv --host web-01 cpu    | --servers names the agents: leave out --host and --port",
            "--servers f.csv --port 5006 cpu      | --servers names the agents: leave out --host and --port",
            "--servers f.csv --group '' cpu       | --group needs a group name",
            "--servers f.csv --parallel 0 cpu     | --parallel must be between 1 and 1024, not 0",
            "--servers f.csv --json               | no command given (try: outpost-cli help)",
            "--agent web-7 cpu                    | --agent needs --broker",
            "--broker-user ops --all-online cpu   | --broker-user needs --broker",
            "--broker ssl://b:8883 cpu            | --broker needs --agent ID, --agents ID,ID,..., --group G, --all-online or --list",
            "--broker ssl://b:8883 --agent a --list | give one of --agent/--agents, --group, --all-online and --list",
            "--broker ssl://b:8883 --all-online --agents a,b cpu | give one of --agent/--agents, --group, --all-online and --list",
            "--broker ssl://b:8883 --list cpu     | --list runs no command: leave out 'cpu'",
            "--broker ssl://b:8883 --agent a --host h cpu | --broker reaches agents by id: leave out --servers, --host and --port",
            "--broker ssl://b:8883 --agent a --group web cpu | --group selects the agents by their group: leave out --agent, --agents, --all-online and --list",
            "--broker ssl://b:8883 --group web --agents a,b cpu | --group selects the agents by their group: leave out --agent, --agents, --all-online and --list",
            "--broker ssl://b:8883 --group web --all-online cpu | --group selects the agents by their group: leave out --agent, --agents, --all-online and --list",
            "--broker ssl://b:8883 --group web --list | --group selects the agents by their group: leave out --agent, --agents, --all-online and --list",
            "--broker ssl://b:8883 --group '' cpu | --group needs a group name",
            "--broker ssl://b:8883 --group web --servers f.csv cpu | --broker reaches agents by id: leave out --servers, --host and --port",
            "--broker ssl://b:8883 --agent a/b cpu | --agent: an id is one MQTT topic level (not empty, no /, + or #): 'a/b'",
            "--broker ssl://b:8883 --agents a,,b cpu | --agents: an id is one MQTT topic level (not empty, no /, + or #): ''",
            "--broker ssl://b:8883 --broker-user ops --agent a cpu | --broker-user and --broker-password-file go together",
            "--broker ssl://b:8883 --broker-ca ca.pem --broker-fingerprint SHA256:AA --agent a cpu | give --broker-ca or --broker-fingerprint, not both",
            "--broker http://b --agent a cpu      | --broker: broker url must start with ssl:// (or tcp:// without TLS): http://b" })
    void usageErrorsSayWhatIsWrong(String line, String message) {
        assertEquals(message, assertThrows(CliArguments.UsageException.class,
                () -> CliArguments.parse(null, HOME, words(line))).getMessage());
    }

    @Test
    void helpNamesEveryOptionTheParserKnows() throws Exception {
        assertTrue(CliArguments.parse(null, HOME, "--help").help());
        Matcher options = Pattern.compile("case \"(--[a-z-]+)\"").matcher(java.nio.file.Files.readString(
                Path.of("src/main/java/outpost/cli/internal/CliArguments.java")) + java.nio.file.Files.readString(
                Path.of("src/main/java/outpost/cli/internal/BrokerOptions.java")));
        int count = 0;
        while (options.find()) {
            assertTrue(CliArguments.USAGE.contains(options.group(1) + " "), options.group(1));
            count++;
        }
        assertEquals(25, count, "options in the parser and its broker part");
    }

    private static String[] words(String line) {
        if (line.isEmpty()) {
            return new String[0];
        }
        return java.util.Arrays.stream(line.split(" +")).map(word -> word.equals("''") ? "" : word).toArray(String[]::new);
    }
}
