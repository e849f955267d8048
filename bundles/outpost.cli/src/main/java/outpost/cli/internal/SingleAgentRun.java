package outpost.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.client.fanout.FanOut;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;

/** One command on one agent, its output printed as it streams. */
final class SingleAgentRun {

    private SingleAgentRun() {
    }

    /** Runs the command on the agent of --host and --port, with the token file's token. */
    static int run(SessionFactory factory, CliArguments arguments, CancelOnExit cancelOnExit, PrintStream out,
            PrintStream err) throws InterruptedException {
        String token;
        try {
            token = Files.readString(arguments.tokenFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            err.println("outpost-cli: cannot read the token file " + arguments.tokenFile() + " (" + e.getMessage()
                    + "): give it with --token-file or OUTPOST_TOKEN_FILE");
            return CliRun.EXIT_FAILED;
        }
        return run(factory, arguments, new AgentTarget(arguments.host(), arguments.host(), arguments.port(), null), token,
                cancelOnExit, out, err);
    }

    /** The session settings for an agent, from the command line's options. */
    static SessionSettings settings(CliArguments arguments, AgentTarget agent, String token) {
        return SessionSettings.of(agent.host(), agent.port(), token, arguments.knownAgents())
                .withTls(!arguments.plainTcp()).withTrustNew(arguments.trustNew())
                .withTlsEngine(arguments.tlsEngine());
    }

    /** A session to the agent: directly, or by its route. */
    static AgentSession create(SessionFactory factory, SessionSettings settings, AgentTarget agent) {
        return agent.route() == null ? factory.create(settings) : factory.create(settings, agent.route());
    }

    /** Runs the command on one agent, printing its output as it streams. */
    static int run(SessionFactory factory, CliArguments arguments, AgentTarget agent, String token,
            CancelOnExit cancelOnExit, PrintStream out, PrintStream err) throws InterruptedException {
        SessionSettings settings = settings(arguments, agent, token);
        try (AgentSession session = create(factory, settings, agent)) {
            session.connect();
            AtomicBoolean atLineStart = new AtomicBoolean(true);
            CommandCall call = session.execute(arguments.commandLine(), Duration.ofSeconds(arguments.timeoutSeconds()),
                    chunk -> {
                        PrintStream stream = chunk.kind() == OutputKind.STDOUT ? out : err;
                        stream.print(chunk.text());
                        stream.flush();
                        if (!chunk.text().isEmpty()) {
                            atLineStart.set(chunk.text().endsWith("\n"));
                        }
                    });
            cancelOnExit.track(call);
            Result result = call.result().get(arguments.timeoutSeconds() + FanOut.GRACE.toSeconds(), TimeUnit.SECONDS);
            if (!atLineStart.get()) {
                out.println();
            }
            if (!result.isOk()) {
                err.println(result.message().isEmpty() ? result.status().toString() : result.message());
            }
            return result.isOk() && result.exitCode() == 0 ? CliRun.EXIT_OK : CliRun.EXIT_FAILED;
        } catch (IOException e) {
            err.println("outpost-cli: " + e.getMessage());
        } catch (ExecutionException e) {
            err.println("outpost-cli: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            err.println("outpost-cli: no answer from " + settings.endpoint() + " within "
                    + (arguments.timeoutSeconds() + FanOut.GRACE.toSeconds()) + " s");
        }
        return CliRun.EXIT_FAILED;
    }
}
