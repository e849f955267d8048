package outpost.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.agent.internal.authentication.TokenStore;
import outpost.agent.internal.configuration.AgentConfiguration;
import outpost.agent.internal.configuration.AgentConfigurationFeed;

/**
 * The headless agent application: parses the command line, loads the configuration file into
 * ConfigAdmin (options on top), waits until the agent has received exactly that configuration,
 * starts it and runs until the framework stops or a client's {@code kill}.
 */
public final class AgentApplication implements IApplication {

    static final Integer EXIT_USAGE = 2;
    static final Integer EXIT_CANNOT_START = 1;
    static final String DEFAULT_CONFIGURATION = "etc/outpost.agent.cfg";
    private static final long SERVICE_WAIT_SECONDS = 30;
    /** How long a SIGTERM may take to stop the agent and the framework before the JVM exits regardless. */
    private static final Duration SIGNAL_STOP_LIMIT = Duration.ofSeconds(10);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch agentStopped = new CountDownLatch(1);

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        AgentArguments arguments;
        Map<String, Object> overrides;
        try {
            arguments = AgentArguments.parse(args);
            if (arguments.help()) {
                System.out.print(AgentArguments.USAGE);
                return EXIT_OK;
            }
            overrides = arguments.overrides();
        } catch (AgentArguments.UsageException e) {
            System.err.println("outpost-agent: " + e.getMessage());
            System.err.print(AgentArguments.USAGE);
            return EXIT_USAGE;
        }
        BundleContext bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
        Path install = installFolder(bundleContext.getProperty("osgi.install.area"));
        Path configuration = arguments.configFile() != null ? Path.of(arguments.configFile())
                : install.resolve(DEFAULT_CONFIGURATION);
        // the trackers stay open while the agent runs: closing them would let DS dispose the components
        ServiceTracker<AgentConfigurationFeed, AgentConfigurationFeed> feeds = tracker(bundleContext,
                AgentConfigurationFeed.class, null);
        try {
            return run(context, arguments, overrides, bundleContext, install, configuration, feeds);
        } finally {
            AgentConfigurationFeed feed = feeds.getService();
            if (feed != null) {
                try {
                    feed.clear(); // the file is the source of truth: nothing stale waits in ConfigAdmin for the next start
                } catch (IOException | IllegalStateException e) {
                    // the framework is stopping
                }
            }
            feeds.close();
        }
    }

    private Object run(IApplicationContext context, AgentArguments arguments, Map<String, Object> overrides,
            BundleContext bundleContext, Path install, Path configuration,
            ServiceTracker<AgentConfigurationFeed, AgentConfigurationFeed> feeds) throws Exception {
        AgentConfigurationFeed feed = feeds.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_WAIT_SECONDS));
        if (feed == null) {
            System.err.println("outpost-agent: ConfigAdmin did not come up within " + SERVICE_WAIT_SECONDS
                    + " s (are org.apache.felix.configadmin and org.apache.felix.scr started?)");
            return EXIT_CANNOT_START;
        }
        String generation;
        try {
            generation = feed.load(configuration, arguments.configFile() != null,
                    Map.of("data", install.resolve("data").toString()), overrides);
        } catch (IOException e) {
            System.err.println("outpost-agent: configuration: " + e.getMessage());
            return EXIT_USAGE;
        }
        ServiceTracker<AgentRuntime, AgentRuntime> agents = tracker(bundleContext, AgentRuntime.class,
                "(" + AgentConfiguration.GENERATION + "=" + generation + ")");
        try {
            return run(context, arguments, configuration,
                    agents.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_WAIT_SECONDS)),
                    console(bundleContext.getProperty("osgi.console")), frameworkStop(bundleContext));
        } finally {
            agents.close();
        }
    }

    private Object run(IApplicationContext context, AgentArguments arguments, Path configuration, AgentRuntime agent,
            String console, StopOnSignal.FrameworkStop frameworkStop)
            throws InterruptedException {
        if (agent == null) {
            System.err.println("outpost-agent: the agent service did not take its configuration within "
                    + SERVICE_WAIT_SECONDS + " s (is org.apache.felix.scr started?)");
            return EXIT_CANNOT_START;
        }
        if (agent.configurationProblem().isPresent()) {
            System.err.println("outpost-agent: configuration: " + configuration + ": " + agent.configurationProblem().get());
            return EXIT_USAGE;
        }
        if (arguments.init()) {
            return initialize(agent);
        }
        Agent.AgentStartup startup;
        try {
            startup = agent.startConfigured();
        } catch (IOException e) {
            System.err.println("outpost-agent: " + e.getMessage());
            return EXIT_CANNOT_START;
        }
        context.applicationRunning();
        report(startup, agent, configuration, console);
        if (arguments.consolePort() != null && (console == null || console.isBlank())) {
            System.err.println("outpost-agent: --console works through the outpost-agent launch script, which opens"
                    + " the Equinox console before the framework starts; no console is open");
        }
        agent.stopRequested().thenRun(stopped::countDown); // a client's kill
        try (StopOnSignal signals = StopOnSignal.install(this::stopOnSignal, frameworkStop, SIGNAL_STOP_LIMIT)) {
            stopped.await();
            agent.stop();
        } finally {
            agentStopped.countDown();
        }
        return EXIT_OK;
    }

    private static Object initialize(AgentRuntime agent) {
        AgentInitialization made;
        try {
            made = agent.initialize();
        } catch (IOException e) {
            System.err.println("outpost-agent: " + e.getMessage());
            return EXIT_CANNOT_START;
        }
        Path token = made.dataDirectory().resolve(TokenStore.TOKEN_FILE).toAbsolutePath();
        System.out.println(made.createdTokenFile().isPresent()
                ? "Created the admin token (all roles) in " + token + ": clients need it to connect."
                : "Tokens present in " + made.dataDirectory().toAbsolutePath() + " (kept).");
        System.out.println((made.createdIdentity() ? "Created the TLS key and certificate " : "TLS key and certificate present (kept) ")
                + made.fingerprint() + " in " + made.identityFile().toAbsolutePath());
        System.out.flush();
        return EXIT_OK;
    }

    private void stopOnSignal() {
        System.out.println("Outpost agent stopping (signal received)");
        System.out.flush();
        stopped.countDown();
    }

    /** Resolved now: once this bundle has stopped, its context can no longer find the framework. */
    private StopOnSignal.FrameworkStop frameworkStop(BundleContext bundleContext) {
        Bundle system = bundleContext.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        if (system instanceof Framework framework) {
            return limit -> framework.waitForStop(limit.toMillis());
        }
        // not an OSGi R4.2+ framework: at least the agent's own stop is waited for
        return limit -> agentStopped.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void report(Agent.AgentStartup startup, AgentRuntime agent, Path configuration, String console) {
        AgentSettings settings = agent.settings().orElseThrow();
        startup.createdTokenFile().ifPresent(file -> System.out.println("Created the admin token (all roles) in "
                + file.toAbsolutePath() + ": clients need it to connect."));
        System.out.println(startup.fingerprint().map(f -> "TLS certificate " + f + " (in "
                + settings.dataDirectory().resolve(AgentServer.IDENTITY_FILE).toAbsolutePath() + ")")
                .orElse("WARNING: plain TCP, no TLS: tokens and answers travel in clear text."));
        if (settings.tls()) {
            System.out.println("TLS: " + TlsEngineReport.describe(settings));
        }
        System.out.println("Configuration: " + configuration.toAbsolutePath()
                + (configuration.toFile().isFile() ? "" : " (not there: defaults)"));
        System.out.println(settings.shell().enabled() ? "Shell commands allowed: " + settings.shell().allow()
                + (settings.shell().deny().isEmpty() ? "" : ", denied: " + settings.shell().deny()) : "Shell commands are off.");
        agent.status().flatMap(AgentRuntime.Status::plainText).ifPresent(plain -> System.out.println(
                "Plain-text port (no authentication, read commands only) on " + hostPort(plain)));
        if (console != null && !console.isBlank()) {
            System.out.println("Equinox console on " + console + " (outpost:status, outpost:clients, outpost:tokens)");
        }
        System.out.println("Outpost agent " + AgentVersion.current() + " listening on " + hostPort(startup.address())
                + " (data: " + settings.dataDirectory().toAbsolutePath() + ")");
        System.out.flush();
    }

    /** The console address, or null: "none" (the product's default) keeps Equinox from starting its console bundle. */
    private static String console(String property) {
        return property == null || property.isBlank() || "none".equals(property.trim()) ? null : property;
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static <S> ServiceTracker<S, S> tracker(BundleContext context, Class<S> type, String filter)
            throws InvalidSyntaxException {
        ServiceTracker<S, S> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter
                        + ")"), null);
        tracker.open();
        return tracker;
    }

    /** The launcher's -install folder, else the working directory. */
    private static Path installFolder(String install) {
        if (install != null && install.startsWith("file:")) {
            return Path.of(java.net.URI.create(install.replace(" ", "%20")));
        }
        return Path.of("");
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
