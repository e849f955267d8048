package outpost.cli.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.KnownAgents;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.client.fanout.FanOut;
import outpost.client.fanout.FanOutOutcome;

/**
 * Runs one command on many agents (the servers of a list, or agents through a broker) through the client layer's {@link FanOut}, as the console's
 * Run on Selected does: at most {@code --parallel} at a time, each on its own session (connect, run,
 * collect the output, close); one server's failure never stops the others, and Ctrl+C cancels what
 * runs ({@link CancelOnExit}).
 */
final class FleetRun {

    private final SessionFactory factory;
    private final CliArguments arguments;
    private final AgentTokens tokens;
    private final CancelOnExit cancelOnExit;
    private final KnownAgents knownAgents;
    /**
     * First contacts with --trust-new to the same agent (listed twice) take turns, so the second
     * checks the pin the first made. Different agents' first contacts connect in parallel: the one
     * shared pin store rewrites the known-agents file under its own lock, so no pin is lost (taking
     * turns across all agents made a first run to 2,000 agents through a broker 16x slower).
     */
    private final Map<String, Object> firstContacts = new ConcurrentHashMap<>();

    FleetRun(SessionFactory factory, CliArguments arguments, AgentTokens tokens, CancelOnExit cancelOnExit) {
        this.factory = factory;
        this.arguments = arguments;
        this.tokens = tokens;
        this.cancelOnExit = cancelOnExit;
        this.knownAgents = KnownAgents.sharedBySessions(arguments.knownAgents());
    }

    /** Runs the command everywhere; the printer hears each outcome as it comes. Outcomes in list order. */
    List<ServerOutcome> run(List<AgentTarget> agents, OutcomePrinter printer) throws InterruptedException {
        FanOut.Run<AgentTarget> run = FanOut.start(agents, this::open, arguments.commandLine(),
                Duration.ofSeconds(arguments.timeoutSeconds()), arguments.parallel(), new FanOut.Listener<>() {
                    @Override
                    public void started(AgentTarget agent, CommandCall call) {
                        cancelOnExit.track(call);
                    }

                    @Override
                    public void finished(FanOutOutcome<AgentTarget> outcome) {
                        synchronized (printer) {
                            printer.completed(outcome(outcome));
                        }
                    }
                });
        List<FanOutOutcome<AgentTarget>> done;
        try {
            done = run.outcomes().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a fan-out task failed unexpectedly", e); // FanOut catches everything
        } catch (InterruptedException e) {
            run.cancel();
            throw e;
        }
        List<ServerOutcome> outcomes = done.stream().map(FleetRun::outcome).toList();
        printer.finished(outcomes);
        return outcomes;
    }

    /** A connected session of its own for one agent; its IOException's words end up in the agent's row. */
    private FanOut.Connection open(AgentTarget agent) throws IOException {
        Optional<String> token = tokens.tokenFor(agent);
        if (token.isEmpty()) {
            throw new IOException(tokens.missing(agent));
        }
        if (cancelOnExit.exiting()) {
            throw new IOException("not started: interrupted");
        }
        // One pin store for the whole run: it parses the known-agents file once, not once per server.
        SessionSettings settings = SingleAgentRun.settings(arguments, agent, token.get()).withPins(knownAgents);
        AgentSession session = SingleAgentRun.create(factory, settings, agent);
        try {
            connect(session, agent);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        return new FanOut.Connection() {
            @Override
            public AgentSession session() {
                return session;
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    private void connect(AgentSession session, AgentTarget agent) throws IOException {
        if (arguments.trustNew() && !arguments.plainTcp()
                && knownAgents.fingerprint(agent.host(), agent.port()).isEmpty()) {
            synchronized (firstContacts.computeIfAbsent(agent.host() + ":" + agent.port(), key -> new Object())) {
                session.connect();
            }
        } else {
            session.connect();
        }
    }

    private static ServerOutcome outcome(FanOutOutcome<AgentTarget> outcome) {
        AgentTarget agent = outcome.target();
        return new ServerOutcome(agent.name(), agent.host(), agent.port(), outcome.ok(), outcome.exitCode(),
                outcome.duration().toMillis(), outcome.stdout(), outcome.stderr(), outcome.ok() ? null : outcome.error());
    }
}
