package outpost.cli.internal;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.client.AgentSession;
import outpost.client.SessionFactory;
import outpost.protocol.Reply;

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
        try (AgentSession session = factory.create(arguments.host(), arguments.port())) {
            session.connect();
            Reply reply = session.send(arguments.commandLine()).get(arguments.timeoutSeconds(), TimeUnit.SECONDS);
            (reply.isOk() ? System.out : System.err).println(reply.body());
            return reply.isOk() ? EXIT_OK : EXIT_FAILED;
        } catch (IOException e) {
            System.err.println("outpost-cli: " + e.getMessage());
        } catch (ExecutionException e) {
            System.err.println("outpost-cli: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            System.err.println("outpost-cli: no answer from " + arguments.host() + ":" + arguments.port() + " within "
                    + arguments.timeoutSeconds() + " s");
        }
        return EXIT_FAILED;
    }

    @Override
    public void stop() {
        // one request, bounded by its timeout: nothing to interrupt
    }
}
