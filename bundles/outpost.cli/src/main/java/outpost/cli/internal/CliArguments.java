package outpost.cli.internal;

import java.util.Arrays;

/** {@code outpost-cli [--host H] [--port P] [--timeout S] COMMAND [ARGS...]}. */
record CliArguments(String host, int port, int timeoutSeconds, String commandLine, boolean help) {

    static final String USAGE = """
            Usage: outpost-cli [--host H] [--port P] [--timeout S] COMMAND [ARGS...]

            Sends one command to an Outpost agent and prints its answer.

              --host H      agent host (default 127.0.0.1)
              --port P      agent port (default 5005)
              --timeout S   seconds to wait for the answer (default 30)
              --help        print this help and exit

            Example: outpost-cli --port 5005 cpu
            Exit status: 0 answered, 1 failed (unreachable agent, unknown or failed command), 2 usage error.
            """;

    static CliArguments parse(String... args) throws UsageException {
        String host = "127.0.0.1";
        int port = 5005;
        int timeout = 30;
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            String option = args[i];
            switch (option) {
                case "--help" -> {
                    return new CliArguments(host, port, timeout, "", true);
                }
                case "--host" -> host = value(args, ++i, option);
                case "--port" -> port = number(value(args, ++i, option), option, 1, 65535);
                case "--timeout" -> timeout = number(value(args, ++i, option), option, 1, 86_400);
                default -> throw new UsageException("unknown option '" + option + "'");
            }
            i++;
        }
        if (i >= args.length) {
            throw new UsageException("no command given (try: outpost-cli help)");
        }
        return new CliArguments(host, port, timeout, String.join(" ", Arrays.copyOfRange(args, i, args.length)), false);
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
