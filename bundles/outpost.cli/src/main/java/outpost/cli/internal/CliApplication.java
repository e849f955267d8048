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

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;

/** Sends one command to an agent through {@link SessionFactory} and prints the reply. */
public final class CliApplication implements IApplication {

    static final Integer EXIT_FAILED = 1;
    static final Integer EXIT_USAGE = 2;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args);
        } catch (CliArguments.UsageException e) {
            System.err.println("outpost-cli: " + e.getMessage());
            System.err.print(CliArguments.USAGE);
            return EXIT_USAGE;
        }
        if (arguments.help()) {
            System.out.print(CliArguments.USAGE);
            return EXIT_OK;
        }
        ServiceTracker<SessionFactory, SessionFactory> tracker =
                new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), SessionFactory.class, null);
        tracker.open();
        try {
            SessionFactory factory = tracker.waitForService(30_000);
            if (factory == null) {
                System.err.println("outpost-cli: the client service did not start (is org.apache.felix.scr started?)");
                return EXIT_FAILED;
            }
            return run(factory, arguments);
        } finally {
            tracker.close();
        }
    }

    private static Integer run(SessionFactory factory, CliArguments arguments) throws InterruptedException {
        String token;
        try {
            token = Files.readString(arguments.tokenFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            System.err.println("outpost-cli: cannot read the token file " + arguments.tokenFile() + " (" + e.getMessage()
                    + "): give it with --token-file or OUTPOST_TOKEN_FILE");
            return EXIT_FAILED;
        }
        SessionSettings settings = SessionSettings.of(arguments.host(), arguments.port(), token, arguments.knownAgents())
                .withTls(!arguments.plainTcp()).withTrustNew(arguments.trustNew());
        try (AgentSession session = factory.create(settings)) {
            session.connect();
            AtomicBoolean atLineStart = new AtomicBoolean(true);
            CommandCall call = session.execute(arguments.commandLine(), Duration.ofSeconds(arguments.timeoutSeconds()),
                    chunk -> {
                        PrintStream stream = chunk.kind() == OutputKind.STDOUT ? System.out : System.err;
                        stream.print(chunk.text());
                        stream.flush();
                        if (!chunk.text().isEmpty()) {
                            atLineStart.set(chunk.text().endsWith("\n"));
                        }
                    });
            Result result = call.result().get(arguments.timeoutSeconds() + 10L, TimeUnit.SECONDS);
            if (!atLineStart.get()) {
                System.out.println();
            }
            if (!result.isOk()) {
                System.err.println(result.message().isEmpty() ? result.status().toString() : result.message());
            }
            return result.isOk() && result.exitCode() == 0 ? EXIT_OK : EXIT_FAILED;
        } catch (IOException e) {
            System.err.println("outpost-cli: " + e.getMessage());
        } catch (ExecutionException e) {
            System.err.println("outpost-cli: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            System.err.println("outpost-cli: no answer from " + settings.endpoint() + " within "
                    + (arguments.timeoutSeconds() + 10) + " s");
        }
        return EXIT_FAILED;
    }

    @Override
    public void stop() {
        // one request, bounded by its timeout: nothing to interrupt
    }
}
