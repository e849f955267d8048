package outpost.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import outpost.servers.ServerListProblem;
import outpost.transport.TlsEngines;

/**
 * What outpost-cli does with its command line, the same under OSGi ({@link CliApplication}) and on a
 * plain class path ({@link CliMain}): one command to one agent, streamed, or to every server of a
 * list at once, one result per server (see {@link CliArguments#USAGE}).
 */
final class CliRun {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private CliRun() {
    }

    /** Where the sessions come from: made (or awaited) only once the command line asks for an agent. */
    interface Sessions {
        /** The client's services; an IOException says why they are not available. */
        ClientServices get() throws InterruptedException, IOException;
    }

    /** Parses {@code args} and runs them; the exit status. */
    static int main(Sessions sessions, String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args);
        } catch (CliArguments.UsageException e) {
            return usageError(e, err);
        }
        if (arguments.help()) {
            out.print(CliArguments.USAGE);
            return EXIT_OK;
        }
        ClientServices services;
        try {
            services = sessions.get();
        } catch (IOException e) {
            err.println("outpost-cli: " + e.getMessage());
            return EXIT_FAILED;
        }
        return run(services, arguments, out, err);
    }

    /** Runs parsed arguments; the exit status: 0 all succeeded, 1 some failed, 2 usage error. */
    static int run(ClientServices services, CliArguments arguments, PrintStream out, PrintStream err)
            throws InterruptedException {
        try (CancelOnExit cancelOnExit = new CancelOnExit()) {
            return run(services, arguments, out, err, cancelOnExit);
        }
    }

    static int run(ClientServices services, CliArguments arguments, PrintStream out, PrintStream err,
            CancelOnExit cancelOnExit) throws InterruptedException {
        if (arguments.verbose()) {
            err.println("TLS: " + (arguments.plainTcp() ? "none (plain TCP)" : TlsEngines.describe(arguments.tlsEngine())));
        }
        if (arguments.broker() != null) {
            return BrokerRun.run(services, arguments, cancelOnExit, out, err);
        }
        if (!arguments.fanOut() && !arguments.json()) {
            return SingleAgentRun.run(services.sessions(), arguments, cancelOnExit, out, err);
        }
        ServerSelection selection;
        try {
            selection = arguments.fanOut() ? ServerSelection.read(arguments.serversFile(), arguments.group())
                    : ServerSelection.single(arguments.host(), arguments.port());
        } catch (CliArguments.UsageException e) {
            return usageError(e, err);
        }
        for (ServerListProblem problem : selection.problems()) {
            err.println("outpost-cli: " + arguments.serversFile() + " " + problem + " (skipped)");
        }
        int exit = fanOut(services, arguments, selection.servers().stream().map(AgentTarget::direct).toList(),
                cancelOnExit, out, err);
        return exit == EXIT_OK && !selection.problems().isEmpty() ? EXIT_FAILED : exit;
    }

    /** Runs the command on every agent, prints one result per agent; the exit status. */
    static int fanOut(ClientServices services, CliArguments arguments, List<AgentTarget> agents,
            CancelOnExit cancelOnExit, PrintStream out, PrintStream err) throws InterruptedException {
        AgentTokens tokens;
        try {
            tokens = AgentTokens.load(arguments);
        } catch (IOException e) {
            err.println("outpost-cli: " + e.getMessage());
            return EXIT_FAILED;
        }
        FanOutTiming timing = FanOutTiming.wanted() ? new FanOutTiming() : null;
        List<ServerOutcome> outcomes = agents.isEmpty() ? List.of()
                : new FleetRun(services.sessions(), arguments, tokens, cancelOnExit).run(agents,
                        OutcomePrinter.of(arguments.json(), out));
        if (timing != null) {
            timing.report(outcomes.size(), err);
        }
        List<ServerOutcome> failed = outcomes.stream().filter(outcome -> !outcome.ok()).toList();
        if (arguments.json()) {
            for (ServerOutcome outcome : failed) { // the table says it already
                err.println("outpost-cli: " + outcome.server() + " (" + outcome.endpoint() + ") failed: " + outcome.error());
            }
        }
        return failed.isEmpty() ? EXIT_OK : EXIT_FAILED;
    }

    static int usageError(CliArguments.UsageException e, PrintStream err) {
        err.println("outpost-cli: " + e.getMessage());
        err.print(CliArguments.USAGE);
        return EXIT_USAGE;
    }
}
