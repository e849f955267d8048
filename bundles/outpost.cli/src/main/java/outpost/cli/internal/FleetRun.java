package outpost.cli.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.KnownAgents;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.servers.Server;

/**
 * Runs one command on many servers at once, at most {@code --parallel} at a time, each on its own
 * session: connect, run, collect the output, close. One server's failure never stops the others.
 */
final class FleetRun {

    /** Beyond the command's own timeout, time for the connection and the agent's result to arrive. */
    static final long GRACE_SECONDS = 10;

    private final SessionFactory factory;
    private final CliArguments arguments;
    private final AgentTokens tokens;
    private final CancelOnExit cancelOnExit;
    private final KnownAgents knownAgents;
    /**
     * First contacts with --trust-new pin a fingerprint by rewriting the known-agents file; they
     * take turns so no pin is lost to a concurrent rewrite. Known agents connect in parallel.
     */
    private final Object firstContact = new Object();

    FleetRun(SessionFactory factory, CliArguments arguments, AgentTokens tokens, CancelOnExit cancelOnExit) {
        this.factory = factory;
        this.arguments = arguments;
        this.tokens = tokens;
        this.cancelOnExit = cancelOnExit;
        this.knownAgents = KnownAgents.sharedBySessions(arguments.knownAgents());
    }

    /** Runs the command everywhere; the printer hears each outcome as it comes. Outcomes in list order. */
    List<ServerOutcome> run(List<Server> servers, OutcomePrinter printer) throws InterruptedException {
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(arguments.parallel(), servers.size()), runnable -> {
            Thread thread = new Thread(runnable, "outpost-cli-fanout-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<ServerOutcome>> futures = new ArrayList<>();
            for (Server server : servers) {
                futures.add(CompletableFuture.supplyAsync(() -> runOn(server), pool).thenApply(outcome -> {
                    synchronized (printer) {
                        printer.completed(outcome);
                    }
                    return outcome;
                }));
            }
            List<ServerOutcome> outcomes = new ArrayList<>();
            for (CompletableFuture<ServerOutcome> future : futures) {
                try {
                    outcomes.add(future.get());
                } catch (ExecutionException | CancellationException e) {
                    throw new IllegalStateException("a fan-out task failed unexpectedly", e); // runOn catches everything
                }
            }
            printer.finished(outcomes);
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private ServerOutcome runOn(Server server) {
        long start = System.nanoTime();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Optional<String> token = tokens.tokenFor(server);
        if (token.isEmpty()) {
            return ServerOutcome.failed(server, 0, "", "", tokens.missing(server));
        }
        if (cancelOnExit.exiting()) {
            return ServerOutcome.failed(server, 0, "", "", "not started: interrupted");
        }
        // One pin store for the whole run: it parses the known-agents file once, not once per server.
        SessionSettings settings = SessionSettings.of(server.host(), server.port(), token.get(), arguments.knownAgents())
                .withTls(!arguments.plainTcp()).withTrustNew(arguments.trustNew())
                .withTlsEngine(arguments.tlsEngine()).withPins(knownAgents);
        try (AgentSession session = factory.create(settings)) {
            connect(session, server);
            CommandCall call = session.execute(arguments.commandLine(), Duration.ofSeconds(arguments.timeoutSeconds()),
                    chunk -> {
                        synchronized (stdout) {
                            (chunk.kind() == OutputKind.STDOUT ? stdout : stderr).append(chunk.text());
                        }
                    });
            cancelOnExit.track(call);
            Result result = call.result().get(arguments.timeoutSeconds() + GRACE_SECONDS, TimeUnit.SECONDS);
            long millis = elapsedMillis(start);
            boolean ok = result.isOk() && result.exitCode() == 0;
            synchronized (stdout) {
                return new ServerOutcome(server.name(), server.host(), server.port(), ok,
                        ran(result) ? result.exitCode() : null, millis, stdout.toString(),
                        stderr.toString(), ok ? null : failure(result));
            }
        } catch (IOException | RuntimeException e) { // e.g. the connection lost between connect and execute
            return failed(server, start, stdout, stderr, e.getMessage() != null ? e.getMessage() : e.toString());
        } catch (ExecutionException e) {
            return failed(server, start, stdout, stderr, e.getCause().getMessage());
        } catch (TimeoutException e) {
            return failed(server, start, stdout, stderr, "no result from " + server.endpoint() + " within "
                    + (arguments.timeoutSeconds() + GRACE_SECONDS) + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(server, start, stdout, stderr, "interrupted");
        }
    }

    private void connect(AgentSession session, Server server) throws IOException {
        if (arguments.trustNew() && !arguments.plainTcp()
                && knownAgents.fingerprint(server.host(), server.port()).isEmpty()) {
            synchronized (firstContact) {
                session.connect();
            }
        } else {
            session.connect();
        }
    }

    /** Whether the command ran to an end of its own (then its exit code means something). */
    private static boolean ran(Result result) {
        return result.status() == ResultStatus.OK || result.status() == ResultStatus.FAILED;
    }

    private static String failure(Result result) {
        if (!result.isOk()) {
            return result.message().isEmpty() ? result.status().toString() : result.message();
        }
        return "exit code " + result.exitCode();
    }

    private static ServerOutcome failed(Server server, long start, StringBuilder stdout, StringBuilder stderr, String error) {
        synchronized (stdout) {
            return ServerOutcome.failed(server, elapsedMillis(start), stdout.toString(), stderr.toString(), error);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
