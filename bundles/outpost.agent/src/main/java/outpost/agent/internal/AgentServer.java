package outpost.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.transport.Connection;
import outpost.transport.Limits;
import outpost.transport.Listener;
import outpost.transport.ListenerSettings;
import outpost.transport.MessageHandler;
import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;
import outpost.transport.Transport;

/**
 * The agent: greets each client with a {@link Hello}, requires a token, then runs its requests on
 * a worker pool so a slow command never stalls a connection. One worker pool and one timer thread
 * per component, created on activation and shut down on deactivation.
 */
@Component(service = { Agent.class, AgentRuntime.class }, configurationPid = AgentConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class AgentServer implements Agent, AgentRuntime, SessionControl {

    static final List<String> CAPABILITIES = List.of("auth-token", "multiplex", "streaming", "cancel", "keepalive",
            "notices");
    static final String IDENTITY_FILE = "agent-identity.p12";
    /**
     * How long a stop, and a reset, wait for the cancelled requests of the connections they closed to
     * be audited (a killed shell command ends a moment later); a reset must listen again within a second.
     */
    static final Duration STOP_AUDIT_WAIT = Duration.ofSeconds(2);
    static final Duration RESET_AUDIT_WAIT = Duration.ofMillis(500);

    private static final System.Logger LOG = System.getLogger(AgentServer.class.getName());

    private final Transport transport;
    private final CommandRegistry commands = new CommandRegistry();
    private final Set<ClientConnection> clients = ConcurrentHashMap.newKeySet();
    private volatile AuthThrottle throttle;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final SystemMetrics metrics;
    /** The first start's key and certificate, read on a worker from activation on; taken (once) by the first start. */
    private volatile PreparedIdentity prepared;
    private volatile Listener listener;
    private volatile AgentSettings current;
    private volatile AuditLog audit;
    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    private volatile PlainTextListener plainText;
    private volatile TokenStore currentTokens;
    private volatile Optional<String> fingerprint = Optional.empty();
    private volatile Instant listeningSince;
    private final Instant activated = Instant.now();
    /** Guarded by this: the settings from ConfigAdmin, the generation they came with, and why the last one was refused. */
    private AgentSettings configured;
    private String configuredGeneration = "";
    private Optional<String> configurationProblem = Optional.empty();

    /** Present when the agent application loaded a configuration file, which {@code reset} reads again. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AgentConfigurationFeed feed;

    @Activate
    public AgentServer(@Reference Transport transport, @Reference SystemMetrics metrics, AgentConfiguration config) {
        this.transport = transport;
        this.metrics = metrics;
        this.workers = Executors.newFixedThreadPool(8, daemonThreads("outpost-agent-worker"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("outpost-agent-timer"));
        configure(config);
        prepareIdentity();
    }

    /**
     * Reads the configured key store on a worker while OSHI, Netty and the application still start
     * on other threads: the first start then finds it read. A missing or unreadable file is left to
     * {@link #start}, which creates it or reports why. No TLS handshake is rehearsed: with the
     * class-data archive that no longer made the first answer sooner, and cost 3 MiB at rest.
     */
    private synchronized void prepareIdentity() {
        if (configured == null || !configured.tls()) {
            return;
        }
        Path file = configured.dataDirectory().resolve(IDENTITY_FILE);
        CompletableFuture<Optional<TlsIdentity>> identity = CompletableFuture.supplyAsync(() -> {
            try {
                return TlsIdentities.loadIfPresent(file);
            } catch (IOException e) {
                return Optional.empty();
            }
        }, workers);
        prepared = new PreparedIdentity(file, identity);
    }

    private TlsIdentity identity(Path file, String hostName) throws IOException {
        PreparedIdentity first = prepared;
        prepared = null;
        if (first != null && first.file().equals(file)) {
            try {
                Optional<TlsIdentity> loaded = first.identity().join();
                if (loaded.isPresent()) {
                    return loaded.get();
                }
            } catch (CompletionException | CancellationException e) {
                // read it again below, which says what is wrong
            }
        }
        return TlsIdentities.loadOrCreate(file, hostName);
    }

    private record PreparedIdentity(Path file, CompletableFuture<Optional<TlsIdentity>> identity) {
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
        configure(config);
    }

    private synchronized void configure(AgentConfiguration config) {
        if (config == null) {
            configurationProblem = Optional.of("none: this agent was made without ConfigAdmin; start it with explicit settings");
            return;
        }
        try {
            configured = ConfiguredSettings.from(config, Path.of("data"));
            configurationProblem = Optional.empty();
        } catch (IllegalArgumentException e) {
            configurationProblem = Optional.of(e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "configuration " + AgentConfiguration.PID + " not used: " + e.getMessage());
        }
        configuredGeneration = config.outpost_generation();
        notifyAll();
    }

    @Override
    public synchronized AgentStartup startConfigured() throws IOException {
        if (configurationProblem.isPresent()) {
            throw new IOException("configuration: " + configurationProblem.get());
        }
        return start(configured);
    }

    @Override
    public synchronized AgentInitialization initialize() throws IOException {
        if (configurationProblem.isPresent()) {
            throw new IOException("configuration: " + configurationProblem.get());
        }
        return AgentInitialization.prepare(configured, metrics.hostName());
    }

    @Override
    public synchronized Optional<String> configurationProblem() {
        return configurationProblem;
    }

    /** Waits (a bounded time) until the configuration of the given generation has arrived. */
    private synchronized boolean awaitGeneration(String generation, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!generation.equals(configuredGeneration)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
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
        if (listener != null) {
            throw new IllegalStateException("agent already listening on " + listener.localAddress());
        }
        Path data = settings.dataDirectory();
        Optional<Path> createdToken = TokenStore.createIfMissing(data);
        TokenStore tokens = TokenStore.load(data.resolve(TokenStore.TOKENS_FILE));
        String hostName = metrics.hostName();
        Optional<TlsIdentity> identity = settings.tls() ? Optional.of(identity(data.resolve(IDENTITY_FILE), hostName))
                : Optional.empty();
        List<String> capabilities = new ArrayList<>(CAPABILITIES);
        if (settings.tls()) {
            capabilities.add("tls");
        }
        Hello hello = Hello.current(AgentVersion.current(), hostName, capabilities);
        throttle = new AuthThrottle(Clock.systemUTC()); // a (re)start forgets earlier lockouts
        AuditLog newAudit = new AuditLog(data, timers);
        Limits limits = Limits.DEFAULT.withIdleTimeout(settings.idleTimeout(), settings.idleTimeout().dividedBy(3));
        audit = newAudit;
        try {
            listener = transport.listen(new ListenerSettings(settings.address(), identity, limits, settings.maxConnections(),
                    settings.tlsEngine()),
                    connection -> accept(connection, settings, tokens, hello));
        } catch (IOException | RuntimeException e) {
            newAudit.close();
            audit = null;
            throw e;
        }
        if (settings.plainText().enabled()) {
            try {
                plainText = PlainTextListener.open(new PlainTextServices(settings.plainText(), commands, workers, timers,
                        newAudit, settings.defaultTimeout(), settings.outputCapBytes(), ConcurrentHashMap.newKeySet()));
            } catch (IOException e) {
                listener.close();
                listener = null;
                newAudit.close();
                audit = null;
                throw e;
            }
        }
        current = settings;
        currentTokens = tokens;
        fingerprint = identity.map(TlsIdentity::fingerprint);
        listeningSince = Instant.now();
        return new AgentStartup(listener.localAddress(), fingerprint, createdToken);
    }

    @Override
    public synchronized void stop() {
        closeAll(new Notice(NoticeKind.STOPPING, "the agent is stopping"), "the agent is stopping", STOP_AUDIT_WAIT);
    }

    /** Stops listening, tells every authenticated client why, and closes every connection. */
    private synchronized void closeAll(Notice notice, String reason, Duration auditWait) {
        if (listener == null) {
            return;
        }
        listener.close();
        listener = null;
        PlainTextListener plain = plainText;
        plainText = null;
        if (plain != null) {
            plain.close();
        }
        for (ClientConnection client : clients) {
            client.notice(notice);
            client.close(ErrorReport.fatal(ErrorCode.SHUTTING_DOWN, reason));
        }
        clients.clear();
        AuditLog closing = audit;
        audit = null;
        if (closing != null) {
            // The connections' running requests (a shell command being killed) are recorded first; then the
            // file is released, so a reset reopens the same file; records later than that are dropped.
            closing.closeAfterPending(auditWait);
        }
    }

    @Override
    public synchronized void reset() {
        AgentSettings settings = current;
        if (listener == null || settings == null) {
            return;
        }
        InetSocketAddress bound = listener.localAddress();
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
            if (!awaitGeneration(generation.get(), 2000)) {
                LOG.log(System.Logger.Level.WARNING, "the configuration read again did not arrive; keeping the previous one");
                return Optional.empty();
            }
            synchronized (this) {
                return configurationProblem.isPresent() ? Optional.empty() : Optional.of(configured);
            }
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
        Listener current = listener;
        return current == null ? Optional.empty() : Optional.of(current.localAddress());
    }

    @Override
    public Optional<Status> status() {
        Listener framed = listener;
        Instant since = listeningSince;
        if (framed == null || since == null) {
            return Optional.empty();
        }
        PlainTextListener plain = plainText;
        return Optional.of(new Status(framed.localAddress(), fingerprint,
                Optional.ofNullable(plain).map(PlainTextListener::localAddress), activated, since,
                framed.connectionCount()));
    }

    @Override
    public Optional<AgentSettings> settings() {
        return listener == null ? Optional.empty() : Optional.ofNullable(current);
    }

    @Override
    public List<Client> clients() {
        List<Client> all = new ArrayList<>(clients.stream().map(ClientConnection::describe).toList());
        PlainTextListener plain = plainText;
        if (plain != null) {
            all.addAll(plain.clients());
        }
        all.sort(java.util.Comparator.comparing(Client::connectedSince));
        return all;
    }

    @Override
    public List<TokenStore.Grant> tokens() {
        TokenStore tokens = currentTokens;
        return listener == null || tokens == null ? List.of() : tokens.grants();
    }

    private MessageHandler accept(Connection connection, AgentSettings settings, TokenStore tokens, Hello hello) {
        ClientConnection client = new ClientConnection(connection, settings, tokens, throttle, commands, workers, timers,
                clients::remove, this, audit);
        clients.add(client);
        try {
            connection.send(hello);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client left before the greeting");
        }
        return client;
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
