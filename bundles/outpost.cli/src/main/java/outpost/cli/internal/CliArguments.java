package outpost.cli.internal;

import java.nio.file.Path;
import java.util.Arrays;

/** The command line of outpost-cli; see {@link #USAGE}. */
record CliArguments(String host, int port, int timeoutSeconds, Path tokenFile, Path knownAgents, boolean trustNew,
        boolean plainTcp, String commandLine, boolean help) {

    static final String USAGE = """
            Usage: outpost-cli [--host H] [--port P] [--token-file F] [--known-agents F]
                               [--trust-new] [--plain-tcp] [--timeout S] COMMAND [ARGS...]

            Sends one command to an Outpost agent and prints its answer as it streams.

              --host H            agent host (default 127.0.0.1)
              --port P            agent port (default 5005)
              --token-file F      file holding the token (default: $OUTPOST_TOKEN_FILE,
                                  else ~/.outpost/token)
              --known-agents F    pinned agent certificates (default ~/.outpost/known_agents)
              --trust-new         trust an agent never seen before and pin its certificate;
                                  a changed certificate is refused all the same
              --plain-tcp         no TLS, for agents started with --plain-tcp
              --timeout S         seconds the command may run (default 30)
              --help              print this help and exit

            Example: outpost-cli --token-file /opt/outpost-agent/data/token --trust-new cpu
            Exit status: 0 answered, 1 failed (unreachable agent, refused token or certificate,
            unknown or failed command), 2 usage error.
            """;

    static CliArguments parse(String... args) throws UsageException {
        return parse(System.getenv("OUTPOST_TOKEN_FILE"), Path.of(System.getProperty("user.home"), ".outpost"), args);
    }

    static CliArguments parse(String tokenFileFromEnvironment, Path home, String... args) throws UsageException {
        String host = "127.0.0.1";
        int port = 5005;
        int timeout = 30;
        Path tokenFile = tokenFileFromEnvironment != null && !tokenFileFromEnvironment.isBlank()
                ? Path.of(tokenFileFromEnvironment) : home.resolve("token");
        Path known = home.resolve("known_agents");
        boolean trustNew = false;
        boolean plain = false;
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            String option = args[i];
            switch (option) {
                case "--help" -> {
                    return new CliArguments(host, port, timeout, tokenFile, known, trustNew, plain, "", true);
                }
                case "--host" -> host = value(args, ++i, option);
                case "--port" -> port = number(value(args, ++i, option), option, 1, 65535);
                case "--timeout" -> timeout = number(value(args, ++i, option), option, 1, 86_400);
                case "--token-file" -> tokenFile = Path.of(value(args, ++i, option));
                case "--known-agents" -> known = Path.of(value(args, ++i, option));
                case "--trust-new" -> trustNew = true;
                case "--plain-tcp" -> plain = true;
                default -> throw new UsageException("unknown option '" + option + "'");
            }
            i++;
        }
        if (i >= args.length) {
            throw new UsageException("no command given (try: outpost-cli help)");
        }
        return new CliArguments(host, port, timeout, tokenFile, known, trustNew, plain,
                String.join(" ", Arrays.copyOfRange(args, i, args.length)), false);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
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
