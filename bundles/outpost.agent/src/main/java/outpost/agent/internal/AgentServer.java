package outpost.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import outpost.agent.Agent;
import outpost.agent.AgentCommand;
import outpost.agent.AgentSettings;
import outpost.agent.internal.authentication.PreparedIdentity;
import outpost.agent.internal.authentication.TokenStore;
import outpost.agent.internal.configuration.AgentConfiguration;
import outpost.agent.internal.configuration.AgentConfigurationFeed;
import outpost.agent.internal.configuration.ReceivedConfiguration;
import outpost.agent.internal.dispatch.CommandRegistry;
import outpost.agent.internal.dispatch.Dispatcher;
import outpost.agent.internal.dispatch.SessionControl;
import outpost.agent.internal.history.SampleReader;
import outpost.metrics.Metric;
import outpost.metrics.MetricJson;
import outpost.protocol.Hello;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.transport.TlsIdentity;
import outpost.transport.Transport;

/**
 * The agent component: starts and stops its listeners ({@link Listening}) with the settings given,
 * or those ConfigAdmin delivered ({@link ReceivedConfiguration}), and carries out a client's reset
 * and kill. Requests of both ports go through one {@link Dispatcher}. One worker pool and one timer
 * thread per component, created on activation and shut down on deactivation.
 */
@Component(service = { Agent.class, AgentRuntime.class }, configurationPid = AgentConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class AgentServer implements Agent, AgentRuntime, SessionControl {

    static final List<String> CAPABILITIES = List.of("auth-token", "multiplex", "streaming", "cancel", "keepalive",
            "notices");
    static final String IDENTITY_FILE = PreparedIdentity.IDENTITY_FILE;
    /**
     * How long a stop, and a reset, wait for the cancelled requests of the connections they closed to
     * be audited (a killed shell command ends a moment later); a reset must listen again within a second.
     */
    static final Duration STOP_AUDIT_WAIT = Duration.ofSeconds(2);
    static final Duration RESET_AUDIT_WAIT = Duration.ofMillis(500);

    private static final System.Logger LOG = System.getLogger(AgentServer.class.getName());

    private final Transport transport;
    private final SystemMetrics metrics;
    private final CommandRegistry commands = new CommandRegistry();
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Dispatcher dispatcher;
    private final SampleReader samples; // broker mode's metrics topic
    private final ReceivedConfiguration configuration = new ReceivedConfiguration();
    private final PreparedIdentity identity = new PreparedIdentity();
    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    private final Instant activated = Instant.now();
    /** Null while not listening; replaced under this object's lock. */
    private volatile Listening listening;

    /** Present when the agent application loaded a configuration file, which {@code reset} reads again. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AgentConfigurationFeed feed;

    @Activate
    public AgentServer(@Reference Transport transport, @Reference SystemMetrics metrics, AgentConfiguration config) {
        this.transport = transport;
        this.metrics = metrics;
        this.workers = Executors.newFixedThreadPool(8, daemonThreads("outpost-agent-worker"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("outpost-agent-timer"));
        this.dispatcher = new Dispatcher(commands, workers, timers, this);
        this.samples = new SampleReader(metrics, System::currentTimeMillis);
        configuration.receive(config);
        configuration.settings().filter(AgentSettings::tls)
                .ifPresent(settings -> identity.prepare(settings.dataDirectory(), workers));
    }

    /**
     * An agent made outside Declarative Services, for hosts that run several in one JVM (tests,
     * benchmarks): it has no ConfigAdmin configuration and is started with explicit settings.
     */
    public AgentServer(Transport transport, SystemMetrics metrics) {
        this(transport, metrics, null);
    }

    /** A new configuration applies at the next start or reset; the running listener is left alone. */
    @Modified
    void modified(AgentConfiguration config) {
        configuration.receive(config);
    }

    @Override
    public synchronized AgentStartup startConfigured() throws IOException {
        Optional<String> problem = configuration.problem();
        if (problem.isPresent()) {
            throw new IOException("configuration: " + problem.get());
        }
        return start(configuration.settings().orElseThrow());
    }

    @Override
    public synchronized AgentInitialization initialize() throws IOException {
        Optional<String> problem = configuration.problem();
        if (problem.isPresent()) {
            throw new IOException("configuration: " + problem.get());
        }
        return AgentInitialization.prepare(configuration.settings().orElseThrow(), metrics.hostName());
    }

    @Override
    public Optional<String> configurationProblem() {
        return configuration.problem();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(AgentCommand command) {
        commands.add(command);
    }

    void removeCommand(AgentCommand command) {
        commands.remove(command);
    }

    @Deactivate
    void deactivate() {
        stop();
        workers.shutdownNow();
        timers.shutdownNow();
    }

    @Override
    public synchronized AgentStartup start(AgentSettings settings) throws IOException {
        if (listening != null) {
            throw new IllegalStateException("agent already listening on " + listening.address());
        }
        Path data = settings.dataDirectory();
        Optional<Path> createdToken = TokenStore.createIfMissing(data);
        TokenStore tokens = TokenStore.load(data.resolve(TokenStore.TOKENS_FILE));
        String hostName = metrics.hostName();
        Optional<TlsIdentity> tls = settings.tls() ? Optional.of(identity.take(data, hostName)) : Optional.empty();
        List<String> capabilities = new ArrayList<>(CAPABILITIES);
        if (settings.tls()) {
            capabilities.add("tls");
        }
        Hello hello = Hello.current(AgentVersion.current(), hostName, capabilities);
        Listening opened = Listening.open(transport, settings, tokens, tls, hello, dispatcher, timers,
                () -> MetricJson.toJson(samples.read(EnumSet.allOf(Metric.class))));
        listening = opened;
        return new AgentStartup(opened.address(), opened.fingerprint(), createdToken);
    }

    @Override
    public synchronized void stop() {
        closeAll(new Notice(NoticeKind.STOPPING, "the agent is stopping"), "the agent is stopping", STOP_AUDIT_WAIT);
    }

    private synchronized void closeAll(Notice notice, String reason, Duration auditWait) {
        Listening closing = listening;
        listening = null;
        if (closing != null) {
            closing.close(notice, reason, auditWait);
        }
    }

    @Override
    public synchronized void reset() {
        Listening was = listening;
        if (was == null) {
            return;
        }
        AgentSettings settings = was.settings();
        InetSocketAddress bound = was.address();
        LOG.log(System.Logger.Level.INFO, "resetting at a client's request");
        closeAll(new Notice(NoticeKind.RESETTING, "the agent is resetting"), "the agent is resetting", RESET_AUDIT_WAIT);
        AgentSettings next = reloaded().orElse(settings);
        if (next.address().getPort() == 0) {
            next = next.withAddress(new InetSocketAddress(next.address().getAddress(), bound.getPort()));
        }
        try {
            listenAgain(next); // a port chosen at random stays the same
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the agent could not listen again after a reset; stopping", e);
            stopRequested.complete(null);
        }
    }

    /**
     * Reads the configuration file again, if the application loaded one, and waits for it to arrive
     * through ConfigAdmin; on an invalid file the agent keeps its settings and says why in its log.
     */
    private Optional<AgentSettings> reloaded() {
        AgentConfigurationFeed source = feed;
        if (source == null) {
            return Optional.empty();
        }
        try {
            Optional<String> generation = source.reload();
            if (generation.isEmpty()) {
                return Optional.empty();
            }
            if (!configuration.awaitGeneration(generation.get(), 2000)) {
                LOG.log(System.Logger.Level.WARNING, "the configuration read again did not arrive; keeping the previous one");
                return Optional.empty();
            }
            return configuration.settings();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration not read again, keeping the previous one: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The port may take a moment to be free again after the listener closed: retry for a second. */
    private void listenAgain(AgentSettings settings) throws IOException {
        for (int attempt = 1;; attempt++) {
            try {
                start(settings);
                return;
            } catch (IOException e) {
                if (attempt >= 20) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void kill() {
        LOG.log(System.Logger.Level.INFO, "stopping at a client's request");
        stop();
        stopRequested.complete(null);
    }

    @Override
    public CompletionStage<Void> stopRequested() {
        return stopRequested;
    }

    @Override
    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(listening).map(Listening::address);
    }

    @Override
    public Optional<Status> status() {
        return Optional.ofNullable(listening).map(current -> current.status(activated));
    }

    @Override
    public Optional<AgentSettings> settings() {
        return Optional.ofNullable(listening).map(Listening::settings);
    }

    @Override
    public List<Client> clients() {
        Listening current = listening;
        return current == null ? List.of() : current.clients();
    }

    @Override
    public List<TokenStore.Grant> tokens() {
        Listening current = listening;
        return current == null ? List.of() : current.grants();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
