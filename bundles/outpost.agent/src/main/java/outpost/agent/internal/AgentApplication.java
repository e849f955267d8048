package outpost.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;

/**
 * The headless agent application: parses the command line, waits for the {@link Agent} service
 * that Declarative Services wires up, starts it and runs until the framework stops.
 */
public final class AgentApplication implements IApplication {

    static final Integer EXIT_USAGE = 2;
    static final Integer EXIT_CANNOT_START = 1;
    private static final long SERVICE_WAIT_SECONDS = 30;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        AgentArguments arguments;
        InetSocketAddress bindAddress;
        try {
            arguments = AgentArguments.parse(args);
            if (arguments.help()) {
                System.out.print(AgentArguments.USAGE);
                return EXIT_OK;
            }
            bindAddress = arguments.socketAddress();
        } catch (AgentArguments.UsageException e) {
            System.err.println("outpost-agent: " + e.getMessage());
            System.err.print(AgentArguments.USAGE);
            return EXIT_USAGE;
        }
        BundleContext bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<Agent, Agent> tracker = new ServiceTracker<>(bundleContext, Agent.class, null);
        tracker.open();
        try {
            Agent agent = tracker.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_WAIT_SECONDS));
            if (agent == null) {
                System.err.println("outpost-agent: the agent service did not start within " + SERVICE_WAIT_SECONDS
                        + " s (is org.apache.felix.scr started?)");
                return EXIT_CANNOT_START;
            }
            Path data = arguments.dataDirectory() != null ? Path.of(arguments.dataDirectory())
                    : defaultDataDirectory(bundleContext.getProperty("osgi.install.area"));
            AgentSettings settings = AgentSettings.defaults(bindAddress, data).withTls(!arguments.plainTcp());
            if (arguments.configFile() != null) {
                try {
                    settings = AgentConfigurationFile.apply(Path.of(arguments.configFile()), settings);
                } catch (IOException e) {
                    System.err.println("outpost-agent: configuration: " + e.getMessage());
                    return EXIT_USAGE;
                }
            }
            Agent.AgentStartup startup;
            try {
                startup = agent.start(settings);
            } catch (IOException e) {
                System.err.println("outpost-agent: " + e.getMessage());
                return EXIT_CANNOT_START;
            }
            context.applicationRunning();
            startup.createdTokenFile().ifPresent(file -> System.out.println("Created the admin token (all roles) in "
                    + file.toAbsolutePath() + ": clients need it to connect."));
            System.out.println(startup.fingerprint().map(f -> "TLS certificate " + f)
                    .orElse("WARNING: plain TCP, no TLS: tokens and answers travel in clear text."));
            System.out.println(settings.shell().enabled() ? "Shell commands allowed: " + settings.shell().allow()
                    + (settings.shell().deny().isEmpty() ? "" : ", denied: " + settings.shell().deny()) : "Shell commands are off.");
            InetSocketAddress bound = startup.address();
            System.out.println("Outpost agent " + AgentVersion.current() + " listening on "
                    + bound.getAddress().getHostAddress() + ":" + bound.getPort() + " (data: " + data.toAbsolutePath() + ")");
            System.out.flush();
            agent.stopRequested().thenRun(stopped::countDown); // a client's kill
            stopped.await();
            agent.stop();
            return EXIT_OK;
        } finally {
            tracker.close();
        }
    }

    /** data/ in the install folder (the launcher's -install), else in the working directory. */
    private static Path defaultDataDirectory(String install) {
        if (install != null && install.startsWith("file:")) {
            return Path.of(java.net.URI.create(install.replace(" ", "%20"))).resolve("data");
        }
        return Path.of("data");
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
