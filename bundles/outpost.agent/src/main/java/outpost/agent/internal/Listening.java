package outpost.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import outpost.agent.AgentSettings;
import outpost.agent.internal.audit.AuditLog;
import outpost.agent.internal.authentication.AuthThrottle;
import outpost.agent.internal.authentication.Authentication;
import outpost.agent.internal.authentication.TokenStore;
import outpost.agent.internal.broker.BrokerSessions;
import outpost.agent.internal.dispatch.Dispatcher;
import outpost.agent.internal.framed.ClientConnection;
import outpost.agent.internal.plaintext.PlainTextListener;
import outpost.agent.internal.plaintext.PlainTextServices;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Notice;
import outpost.transport.Connection;
import outpost.transport.ConnectionAcceptor;
import outpost.transport.Limits;
import outpost.transport.Listener;
import outpost.transport.ListenerSettings;
import outpost.transport.MessageHandler;
import outpost.transport.TlsIdentity;
import outpost.transport.Transport;

/**
 * What one start of the agent sets up and a stop or reset closes: the framed listener and its
 * clients, the plain-text listener, the tokens and lockouts, the audit log. Immutable once open.
 */
final class Listening {

    private static final System.Logger LOG = System.getLogger(Listening.class.getName());

    private final AgentSettings settings;
    private final TokenStore tokens;
    private final AuditLog audit;
    private final Optional<String> fingerprint;
    private final Set<ClientConnection> clients = ConcurrentHashMap.newKeySet();
    private final Instant since = Instant.now();
    private Listener listener;
    private PlainTextListener plainText; // null when the plain-text port is off
    private BrokerSessions broker; // null without broker mode

    private Listening(AgentSettings settings, TokenStore tokens, AuditLog audit, Optional<String> fingerprint) {
        this.settings = settings;
        this.tokens = tokens;
        this.audit = audit;
        this.fingerprint = fingerprint;
    }

    /**
     * Listens on both ports (the plain-text one when configured) and starts broker mode when
     * configured; nothing is left open when any fails.
     *
     * @param metricsJson a metric sample as JSON, for broker mode's metrics topic
     */
    static Listening open(Transport transport, AgentSettings settings, TokenStore tokens, Optional<TlsIdentity> identity,
            Hello hello, Dispatcher dispatcher, ScheduledExecutorService timers, Supplier<String> metricsJson)
            throws IOException {
        AuditLog audit = new AuditLog(settings.dataDirectory(), timers);
        Listening listening = new Listening(settings, tokens, audit, identity.map(TlsIdentity::fingerprint));
        // a (re)start forgets earlier lockouts
        Authentication authentication = new Authentication(tokens, new AuthThrottle(Clock.systemUTC()), audit);
        Limits limits = Limits.DEFAULT.withIdleTimeout(settings.idleTimeout(), settings.idleTimeout().dividedBy(3));
        try {
            ConnectionAcceptor acceptor = connection -> listening.accept(connection, hello, authentication, dispatcher, timers);
            listening.listener = transport.listen(new ListenerSettings(settings.address(), identity, limits,
                    settings.maxConnections(), settings.tlsEngine()), acceptor);
            if (settings.plainText().enabled()) {
                listening.plainText = PlainTextListener.open(new PlainTextServices(settings.plainText(), dispatcher, audit,
                        settings.defaultTimeout(), settings.outputCapBytes(), ConcurrentHashMap.newKeySet()));
            }
            if (settings.broker().isPresent()) {
                listening.broker = BrokerSessions.open(transport, settings, settings.broker().get(), identity, limits,
                        acceptor, hello, metricsJson);
            }
            return listening;
        } catch (IOException | RuntimeException e) {
            if (listening.listener != null) {
                listening.listener.close();
            }
            if (listening.plainText != null) {
                listening.plainText.close();
            }
            audit.close();
            throw e;
        }
    }

    private MessageHandler accept(Connection connection, Hello hello, Authentication authentication, Dispatcher dispatcher,
            ScheduledExecutorService timers) {
        ClientConnection client = new ClientConnection(connection, settings, authentication, dispatcher, timers,
                clients::remove, audit);
        clients.add(client);
        try {
            connection.send(hello);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client left before the greeting");
        }
        return client;
    }

    /**
     * Stops listening, tells every authenticated client why, closes every connection, and closes
     * the audit log once the requests of those connections are recorded (or after {@code auditWait}).
     */
    void close(Notice notice, String reason, Duration auditWait) {
        listener.close();
        if (plainText != null) {
            plainText.close();
        }
        for (ClientConnection client : clients) {
            client.notice(notice);
            client.close(ErrorReport.fatal(ErrorCode.SHUTTING_DOWN, reason));
        }
        clients.clear();
        if (broker != null) {
            broker.close(); // after the notices: the offline state is the last the broker hears
        }
        // The connections' running requests (a shell command being killed) are recorded first; then the
        // file is released, so a reset reopens the same file; records later than that are dropped.
        audit.closeAfterPending(auditWait);
    }

    InetSocketAddress address() {
        return listener.localAddress();
    }

    AgentSettings settings() {
        return settings;
    }

    Optional<String> fingerprint() {
        return fingerprint;
    }

    AgentRuntime.Status status(Instant activated) {
        return new AgentRuntime.Status(listener.localAddress(), fingerprint,
                Optional.ofNullable(plainText).map(PlainTextListener::localAddress), activated, since,
                listener.connectionCount(), Optional.ofNullable(broker).map(BrokerSessions::describe));
    }

    List<AgentRuntime.Client> clients() {
        List<AgentRuntime.Client> all = new ArrayList<>(clients.stream().map(ClientConnection::describe).toList());
        if (plainText != null) {
            all.addAll(plainText.clients());
        }
        all.sort(Comparator.comparing(AgentRuntime.Client::connectedSince));
        return all;
    }

    List<TokenStore.Grant> grants() {
        return tokens.grants();
    }
}
