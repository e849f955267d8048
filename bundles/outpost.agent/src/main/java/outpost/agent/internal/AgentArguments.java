package outpost.agent.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import outpost.agent.Agent;

/**
 * The agent's command line. Options given here override the configuration file's keys of the
 * same meaning (bind, port, data, plain.tcp); options not given leave the file's values alone.
 */
record AgentArguments(String bindHost, Integer port, String dataDirectory, String configFile, boolean plainTcp,
        Integer consolePort, boolean help, boolean init) {

    static final String DEFAULT_BIND = "127.0.0.1";

    static final String USAGE = """
            Usage: outpost-agent [--port N] [--bind ADDR] [--data DIR] [--config FILE] [--plain-tcp]
                                 [--console PORT] [--help]
                   outpost-agent --init [--data DIR] [--config FILE]

            Starts the Outpost agent, which answers Outpost consoles and clients over TLS.

              --port N        TCP port to listen on, 0 for any free port (default %d)
              --bind ADDR     address to listen on (default %s, loopback only);
                              use 0.0.0.0 to accept connections from other machines
              --data DIR      folder of the agent's tokens, TLS key and certificate
                              (default: data/ in the install folder)
              --config FILE   configuration file to use instead of etc/outpost.agent.cfg in
                              the install (a properties file; that one lists every key with
                              its default: shell.allow*/shell.deny* patterns, timeouts,
                              limits, the plain-text port, broker mode with broker.url and
                              broker.group, the group it announces); reset reads it again
              --plain-tcp     no TLS: tokens and answers travel in clear text; only for
                              loopback or a network you trust completely
              --console PORT  open the Equinox console (Gogo shell: outpost:status,
                              outpost:clients, outpost:tokens) on 127.0.0.1:PORT; off
                              without this option; anyone who can log in to this machine
                              can reach that port, so use it for a moment only
              --init          make the admin token and the TLS key and certificate in the
                              data folder if they are missing, print where they are and the
                              fingerprint, and exit without listening (once at install, as
                              for sshd's host keys: the agent's first start is then lighter)
              --help          print this help and exit

            --port, --bind, --data and --plain-tcp override the configuration file. An
            invalid option or configuration value stops the start with a message naming
            it (exit code 2). On first start (or with --init) the agent creates an admin
            token in DIR/token (owner-readable only) and a TLS key and self-signed
            certificate, and prints where they are and the fingerprint clients will pin. Commands answered: help,
            cpu, ram, os, name, ip, net, uptime, load, disk, procs, sysinfo, ping, python,
            disconnect;
            reset and kill for tokens with the admin role; sh:/linux:, cmd:/dos:,
            powershell:/pwsh: for tokens with the execute role, if allowed.
            """.formatted(Agent.DEFAULT_PORT, DEFAULT_BIND);

    static AgentArguments parse(String... args) throws UsageException {
        String bind = null;
        Integer port = null;
        String data = null;
        String config = null;
        boolean plain = false;
        Integer console = null;
        boolean init = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new AgentArguments(bind, port, data, config, plain, console, true, false);
                }
                case "--init" -> init = true;
                case "--data" -> data = valueOf(args, ++i, arg);
                case "--config" -> config = valueOf(args, ++i, arg);
                case "--plain-tcp" -> plain = true;
                case "--port" -> port = parsePort(arg, valueOf(args, ++i, arg));
                case "--console" -> console = parsePort(arg, valueOf(args, ++i, arg));
                case "--bind" -> bind = valueOf(args, ++i, arg);
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        if (init && (bind != null || port != null || plain || console != null)) {
            throw new UsageException("--init takes only --data and --config: it does not listen");
        }
        return new AgentArguments(bind, port, data, config, plain, console, false, init);
    }

    /** Where the agent listens if the configuration file says nothing else. */
    InetSocketAddress socketAddress() throws UsageException {
        String host = bindHost != null ? bindHost : DEFAULT_BIND;
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port != null ? port : Agent.DEFAULT_PORT);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: unknown address '" + host + "'");
        }
    }

    /** The configuration keys the options given set, with their values typed as ConfigAdmin holds them. */
    Map<String, Object> overrides() throws UsageException {
        Map<String, Object> values = new LinkedHashMap<>();
        if (bindHost != null) {
            socketAddress(); // an unknown address is a usage error, named after its option
            values.put("bind", bindHost);
        }
        if (port != null) {
            values.put("port", port);
        }
        if (dataDirectory != null) {
            values.put("data", dataDirectory);
        }
        if (plainTcp) {
            values.put("plain.tcp", Boolean.TRUE);
        }
        return values;
    }

    private static String valueOf(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String option, String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new UsageException(option + " must be between 0 and 65535, not " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, not '" + text + "'");
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
