package outpost.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import outpost.client.SessionFactory;
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
        /** The factory, or empty when it is not available; then the message says why. */
        SessionFactory get() throws InterruptedException, IOException;
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
        SessionFactory factory;
        try {
            factory = sessions.get();
        } catch (IOException e) {
            err.println("outpost-cli: " + e.getMessage());
            return EXIT_FAILED;
        }
        return run(factory, arguments, out, err);
    }

    /** Runs parsed arguments; the exit status: 0 all succeeded, 1 some failed, 2 usage error. */
    static int run(SessionFactory factory, CliArguments arguments, PrintStream out, PrintStream err)
            throws InterruptedException {
        try (CancelOnExit cancelOnExit = new CancelOnExit()) {
            return run(factory, arguments, out, err, cancelOnExit);
        }
    }

    static int run(SessionFactory factory, CliArguments arguments, PrintStream out, PrintStream err,
            CancelOnExit cancelOnExit) throws InterruptedException {
        if (arguments.verbose()) {
            err.println("TLS: " + (arguments.plainTcp() ? "none (plain TCP)" : TlsEngines.describe(arguments.tlsEngine())));
        }
        if (!arguments.fanOut() && !arguments.json()) {
            return SingleAgentRun.run(factory, arguments, cancelOnExit, out, err);
        }
        ServerSelection selection;
        AgentTokens tokens;
        try {
            selection = arguments.fanOut() ? ServerSelection.read(arguments.serversFile(), arguments.group())
                    : ServerSelection.single(arguments.host(), arguments.port());
            tokens = AgentTokens.load(arguments);
        } catch (CliArguments.UsageException e) {
            return usageError(e, err);
        } catch (IOException e) {
            err.println("outpost-cli: " + e.getMessage());
            return EXIT_FAILED;
        }
        for (ServerListProblem problem : selection.problems()) {
            err.println("outpost-cli: " + arguments.serversFile() + " " + problem + " (skipped)");
        }
        FanOutTiming timing = FanOutTiming.wanted() ? new FanOutTiming() : null;
        List<ServerOutcome> outcomes = selection.servers().isEmpty() ? List.of()
                : new FleetRun(factory, arguments, tokens, cancelOnExit).run(selection.servers(),
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
        return failed.isEmpty() && selection.problems().isEmpty() ? EXIT_OK : EXIT_FAILED;
    }

    private static int usageError(CliArguments.UsageException e, PrintStream err) {
        err.println("outpost-cli: " + e.getMessage());
        err.print(CliArguments.USAGE);
        return EXIT_USAGE;
    }
}
