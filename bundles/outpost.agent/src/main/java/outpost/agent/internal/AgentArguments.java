package outpost.agent.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import outpost.agent.Agent;

/** The agent's command line: {@code [--port N] [--bind ADDR] [--help]}. */
record AgentArguments(String bindHost, int port, String dataDirectory, String configFile, boolean plainTcp, boolean help) {

    static final String DEFAULT_BIND = "127.0.0.1";

    static final String USAGE = """
            Usage: outpost-agent [--port N] [--bind ADDR] [--data DIR] [--config FILE] [--plain-tcp] [--help]

            Starts the Outpost agent, which answers Outpost consoles and clients over TLS.

              --port N      TCP port to listen on, 0 for any free port (default %d)
              --bind ADDR   address to listen on (default %s, loopback only);
                            use 0.0.0.0 to accept connections from other machines
              --data DIR    folder of the agent's tokens, TLS key and certificate
                            (default: data/ in the install folder)
              --config FILE properties file: shell.allow* and shell.deny* patterns (shell
                            commands are off without shell.allow; * alone allows all),
                            request.timeout (s, default 60), output.cap (characters)
              --plain-tcp   no TLS: tokens and answers travel in clear text; only for
                            loopback or a network you trust completely
              --help        print this help and exit

            On first start the agent creates an admin token in DIR/token (owner-readable
            only) and a TLS key and self-signed certificate, and prints the fingerprint
            clients will pin. Commands answered: help, cpu, ram, os, name, ip, uptime, load,
            disk, disconnect; reset and kill for tokens with the admin role; sh:/linux:,
            cmd:/dos:, powershell:/pwsh: for tokens with the execute role, if allowed.
            """.formatted(Agent.DEFAULT_PORT, DEFAULT_BIND);

    static AgentArguments parse(String... args) throws UsageException {
        String bind = DEFAULT_BIND;
        int port = Agent.DEFAULT_PORT;
        String data = null;
        String config = null;
        boolean plain = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new AgentArguments(bind, port, data, config, plain, true);
                }
                case "--data" -> data = valueOf(args, ++i, arg);
                case "--config" -> config = valueOf(args, ++i, arg);
                case "--plain-tcp" -> plain = true;
                case "--port" -> port = parsePort(valueOf(args, ++i, arg));
                case "--bind" -> bind = valueOf(args, ++i, arg);
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return new AgentArguments(bind, port, data, config, plain, false);
    }

    InetSocketAddress socketAddress() throws UsageException {
        try {
            return new InetSocketAddress(InetAddress.getByName(bindHost), port);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: unknown address '" + bindHost + "'");
        }
    }

    private static String valueOf(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new UsageException("--port must be between 0 and 65535, not " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number, not '" + text + "'");
        }
    }

    /** A command line the agent cannot start with; the message says why. */
    static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
