package outpost.cli.internal;

import java.nio.file.Path;
import java.util.Arrays;

import outpost.transport.TlsEngine;

/**
 * The command line of outpost-cli; see {@link #USAGE}.
 *
 * @param tokenFile     the token for every agent: the one given with --token-file, else the default
 * @param tokenFileGiven whether --token-file was given (then it wins over the tokens file)
 * @param tokensFile    per-agent tokens, host:port=token (the console's tokens.properties)
 * @param serversFile   the server list to fan out to; null for one agent (--host, --port)
 * @param group         only the servers (or, with --broker, the online agents) of this group; null for all
 * @param tlsEngine     --tls-engine: auto, openssl or jdk
 * @param verbose       --verbose: say on standard error which TLS engine runs
 * @param broker        --broker and its options; null to reach agents directly
 */
record CliArguments(String host, int port, int timeoutSeconds, Path tokenFile, boolean tokenFileGiven, Path tokensFile,
        Path knownAgents, boolean trustNew, boolean plainTcp, Path serversFile, String group, boolean json, int parallel,
        String commandLine, boolean help, TlsEngine tlsEngine, boolean verbose, BrokerArguments broker) {

    static final int DEFAULT_PARALLEL = 64;

    static final String USAGE = """
            Usage: outpost-cli [--host H] [--port P] [--token-file F] [--known-agents F]
                               [--trust-new] [--plain-tcp] [--tls-engine E] [--verbose]
                               [--timeout S] [--json] COMMAND [ARGS...]
                   outpost-cli --servers FILE.csv [--group G] [--tokens F] [--token-file F]
                               [--parallel N] [--json] [other options] COMMAND [ARGS...]
                   outpost-cli --broker URL [--broker-user U --broker-password-file F]
                               [--broker-ca F | --broker-fingerprint SHA256:...]
                               [--client-id ID] (--agent ID | --agents ID,ID,... |
                               --group G | --all-online) [other options]
                               COMMAND [ARGS...]
                   outpost-cli --broker URL [broker options] --list [--json]

            Sends one command to an Outpost agent and prints its answer as it streams; with
            --servers, sends it to every server of the list at once and prints one result per
            server. With --broker, reaches agents by id or by the group they announce
            through an MQTT broker (the same TLS, pinned certificate and token inside;
            docs/BROKER.md).

              --host H            agent host (default 127.0.0.1)
              --port P            agent port (default 5005)
              --servers FILE      server list (CSV: 'host,port' lines, or a header naming the
                                  columns name,host,port,group); the command runs on each server
              --group G           with --servers: only the servers of group G; with --broker:
                                  the online agents that announce group G (broker.group);
                                  letter case aside in both
              --parallel N        with --servers: at most N servers at once (default 64)
              --broker URL        reach agents through this MQTT broker: ssl://HOST:8883 (or
                                  tcp://HOST:1883, no TLS to the broker)
              --broker-user U     the broker account (also the client id the shipped ACL
                                  expects); needs --broker-password-file F (its first line)
              --broker-ca F       PEM certificate of the CA that signed the broker's certificate
                                  (default: the JDK's CAs)
              --broker-fingerprint SHA256:...  instead of a CA: the broker certificate's pin
              --client-id ID      MQTT client id (default: the broker user, else
                                  outpost-cli-USER-HOST)
              --agent ID          with --broker: the agent with this id (repeatable)
              --agents ID,ID,...  with --broker: these agents
              --all-online        with --broker: every agent the broker shows online
              --list              with --broker: print the fleet the broker knows (id, online,
                                  group, host, os, version, fingerprint) and exit; opens no
                                  session
              --tokens F          with --servers or --broker: tokens per agent, host:port=token
                                  lines (an agent through the broker is ID:0)
                                  (default ~/.outpost/tokens.properties, as the console's)
              --token-file F      file holding the token; given, it is used for every agent
                                  (default: $OUTPOST_TOKEN_FILE, else ~/.outpost/token, used for
                                  agents that have no line in the tokens file)
              --known-agents F    pinned agent certificates (default ~/.outpost/known_agents;
                                  an agent through the broker is pinned as ID:0)
              --trust-new         trust an agent never seen before and pin its certificate;
                                  a changed certificate is refused all the same
              --plain-tcp         no TLS, for agents started with --plain-tcp
              --tls-engine E      auto (default: BoringSSL when it loads, else the JDK's),
                                  openssl (BoringSSL or an error) or jdk
              --verbose           say on standard error which TLS engine runs (and, with
                                  --broker, what the link to the broker does)
              --timeout S         seconds the command may run (default 30)
              --json              one JSON object per server and line: server, host, port, ok,
                                  exitCode, durationMs, stdout, stderr, error (with one agent:
                                  one object once it answered, instead of streamed output)
              --help              print this help and exit

            Ctrl+C cancels the command on the agents before exiting. With OUTPOST_CLI_TIMING=1
            set, a fan-out also says on standard error how long the start took, how long the
            fan-out (first connect to last answer) and its CPU time.
            Example: outpost-cli --token-file /opt/outpost-agent/data/token --trust-new cpu
                     outpost-cli --servers ~/.outpost/servers.csv --group web --json uptime
                     outpost-cli --broker ssl://broker:8883 --broker-user ops \\
                       --broker-password-file ~/.outpost/broker-password --agents web-1,web-2 cpu
                     outpost-cli --broker ssl://broker:8883 ... --group web --json uptime
            Exit status: 0 every agent answered and the command succeeded, 1 some failed
            (unreachable agent, refused token or certificate, unknown or failed command),
            2 usage error (also an unreadable server list, a group with no server, or no agent
            online with --all-online or in the --group at the broker).
            """;

    static CliArguments parse(String... args) throws UsageException {
        return parse(System.getenv("OUTPOST_TOKEN_FILE"), Path.of(System.getProperty("user.home"), ".outpost"), args);
    }

    static CliArguments parse(String tokenFileFromEnvironment, Path home, String... args) throws UsageException {
        String host = null;
        Integer port = null;
        int timeout = 30;
        Path tokenFile = tokenFileFromEnvironment != null && !tokenFileFromEnvironment.isBlank()
                ? Path.of(tokenFileFromEnvironment) : home.resolve("token");
        boolean tokenFileGiven = false;
        Path tokensFile = null;
        Path known = home.resolve("known_agents");
        boolean trustNew = false;
        boolean plain = false;
        Path servers = null;
        String group = null;
        boolean json = false;
        Integer parallel = null;
        TlsEngine engine = TlsEngine.AUTO;
        boolean verbose = false;
        BrokerOptions broker = new BrokerOptions();
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            String option = args[i];
            switch (option) {
                case "--help" -> {
                    return new CliArguments("127.0.0.1", 5005, timeout, tokenFile, false, home.resolve("tokens.properties"),
                            known, false, false, null, null, false, DEFAULT_PARALLEL, "", true, TlsEngine.AUTO, false, null);
                }
                case "--host" -> host = value(args, ++i, option);
                case "--port" -> port = number(value(args, ++i, option), option, 1, 65535);
                case "--timeout" -> timeout = number(value(args, ++i, option), option, 1, 86_400);
                case "--token-file" -> {
                    tokenFile = Path.of(value(args, ++i, option));
                    tokenFileGiven = true;
                }
                case "--tokens" -> tokensFile = Path.of(value(args, ++i, option));
                case "--known-agents" -> known = Path.of(value(args, ++i, option));
                case "--trust-new" -> trustNew = true;
                case "--plain-tcp" -> plain = true;
                case "--servers" -> servers = Path.of(value(args, ++i, option));
                case "--group" -> group = value(args, ++i, option).strip();
                case "--parallel" -> parallel = number(value(args, ++i, option), option, 1, 1024);
                case "--json" -> json = true;
                case "--tls-engine" -> engine = tlsEngine(value(args, ++i, option));
                case "--verbose" -> verbose = true;
                default -> {
                    int used = broker.take(option, args, i);
                    if (used == 0) {
                        throw new UsageException("unknown option '" + option + "'");
                    }
                    i += used - 1;
                }
            }
            i++;
        }
        if (group != null && group.isEmpty()) {
            throw new UsageException("--group needs a group name");
        }
        BrokerArguments brokerArguments = broker.build(servers != null || host != null || port != null, group);
        if (servers == null && brokerArguments == null && group != null) {
            throw new UsageException("--group needs --servers or --broker");
        }
        if (servers == null && brokerArguments == null && tokensFile != null) {
            throw new UsageException("--tokens needs --servers or --broker");
        }
        if (servers == null && brokerArguments == null && parallel != null) {
            throw new UsageException("--parallel needs --servers or --broker");
        }
        if (servers != null && (host != null || port != null)) {
            throw new UsageException("--servers names the agents: leave out --host and --port");
        }
        boolean listing = brokerArguments != null && brokerArguments.list();
        if (listing && i < args.length) {
            throw new UsageException("--list runs no command: leave out '" + String.join(" ", Arrays.copyOfRange(args, i,
                    args.length)) + "'");
        }
        if (i >= args.length && !listing) {
            throw new UsageException("no command given (try: outpost-cli help)");
        }
        return new CliArguments(host == null ? "127.0.0.1" : host, port == null ? 5005 : port, timeout, tokenFile,
                tokenFileGiven, tokensFile == null ? home.resolve("tokens.properties") : tokensFile, known, trustNew, plain,
                servers, group, json, parallel == null ? DEFAULT_PARALLEL : parallel,
                String.join(" ", Arrays.copyOfRange(args, i, args.length)), false, engine, verbose, brokerArguments);
    }

    private static TlsEngine tlsEngine(String word) throws UsageException {
        try {
            return TlsEngine.parse(word);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tls-engine must be auto, openssl or jdk, not '" + word + "'");
        }
    }

    /**
     * Whether the command goes to a list of servers (--servers) or agents of a broker other than one
     * --agent (--group and --all-online have no agents here: the list is empty until the run).
     */
    boolean fanOut() {
        return serversFile != null || broker != null && (broker.agents().size() != 1 || broker.allOnline());
    }

    static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int number(String text, String option, int min, int max) throws UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, not '" + text + "'");
        }
    }

    /** A command line the client cannot run; the message says why. */
    static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
