package outpost.agent.internal.framed;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import outpost.agent.AgentCommand;
import outpost.agent.AgentSettings;
import outpost.agent.internal.AgentRuntime;
import outpost.agent.internal.audit.AuditLog;
import outpost.agent.internal.authentication.Authentication;
import outpost.agent.internal.authentication.TokenStore;
import outpost.agent.internal.dispatch.Admission;
import outpost.agent.internal.dispatch.Caller;
import outpost.agent.internal.dispatch.Dispatcher;
import outpost.agent.internal.shell.ShellCommand;
import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Cancel;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Message;
import outpost.protocol.Notice;
import outpost.protocol.Request;
import outpost.protocol.ResultStatus;
import outpost.protocol.Role;
import outpost.transport.Connection;
import outpost.transport.MessageHandler;

/**
 * One framed client's conversation with the agent: authentication first (within the handshake
 * timeout), then requests, each tracked by id from its admission until its RESULT is sent.
 */
public final class ClientConnection implements MessageHandler, Caller {

    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    private final Connection connection;
    private final AgentSettings settings;
    private final Authentication authentication;
    private final Dispatcher dispatcher;
    private final Consumer<ClientConnection> onClosed;
    private final AuditLog audit;
    private final Map<Integer, RunningRequest> inFlight = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> handshakeDeadline;
    private volatile TokenStore.Grant grant;
    private final Instant connectedSince = Instant.now();
    private final String peerText; // for the audit log: "address:port" or "broker client ID"

    public ClientConnection(Connection connection, AgentSettings settings, Authentication authentication,
            Dispatcher dispatcher, ScheduledExecutorService timers, Consumer<ClientConnection> onClosed, AuditLog audit) {
        this.connection = connection;
        this.settings = settings;
        this.authentication = authentication;
        this.dispatcher = dispatcher;
        this.onClosed = onClosed;
        this.audit = audit;
        this.peerText = connection.peerName();
        this.handshakeDeadline = timers.schedule(() -> {
            if (grant == null) {
                connection.close(ErrorReport.fatal(ErrorCode.HANDSHAKE_TIMEOUT, "no authentication within "
                        + settings.handshakeTimeout().toSeconds() + " s"));
            }
        }, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void received(Connection from, Message message) {
        if (message instanceof Auth auth) {
            authenticate(auth);
        } else if (grant == null) {
            connection.close(ErrorReport.fatal(ErrorCode.AUTH_REQUIRED, "authenticate first: " + message.type()
                    + " before AUTH"));
        } else if (message instanceof Request request) {
            start(request);
        } else if (message instanceof Cancel cancel) {
            cancel(cancel.id());
        } else {
            connection.close(ErrorReport.fatal(ErrorCode.PROTOCOL_ERROR, "a client may not send " + message.type()));
        }
    }

    private void authenticate(Auth auth) {
        if (grant != null) {
            connection.close(ErrorReport.fatal(ErrorCode.PROTOCOL_ERROR, "already authenticated"));
            return;
        }
        Authentication.Verdict verdict = authentication.check(auth, connection);
        if (verdict.refusal().isPresent()) {
            connection.close(verdict.refusal().get());
            return;
        }
        grant = verdict.grant().orElseThrow();
        handshakeDeadline.cancel(false);
        send(new AuthOk(grant.name(), grant.roles().stream().map(Role::wireName).sorted().toList()));
    }

    private void start(Request request) {
        int id = request.id();
        if (id <= 0) {
            connection.close(ErrorReport.fatal(ErrorCode.PROTOCOL_ERROR, "request ids must be positive, not " + id));
            return;
        }
        if (inFlight.size() >= settings.maxInFlight()) {
            send(new ErrorReport(id, ErrorCode.TOO_MANY_REQUESTS, "at most " + settings.maxInFlight()
                    + " requests may be in flight on one connection"));
            return;
        }
        Duration timeout = request.timeoutMillis() > 0
                ? Duration.ofMillis(Math.min(request.timeoutMillis(), settings.defaultTimeout().toMillis()))
                : settings.defaultTimeout();
        Admission admission = dispatcher.admit(request.command(), this);
        String tokenName = grant.name();
        RunningRequest running = new RunningRequest(id, timeout, connection, result -> {
            inFlight.remove(id);
            if (admission.auditedInBatch(result.status())) {
                audit.recordBatched(peerText, tokenName, request.command(), result);
            } else {
                audit.record(peerText, tokenName, request.command(), result);
            }
        }, settings.shell(), settings.outputCapBytes());
        if (inFlight.putIfAbsent(id, running) != null) {
            send(new ErrorReport(id, ErrorCode.DUPLICATE_ID, "request " + id + " is already in flight"));
            return;
        }
        audit.expect();
        if (!dispatcher.dispatch(admission, this, running)) {
            inFlight.remove(id);
            send(new ErrorReport(id, ErrorCode.SHUTTING_DOWN, "the agent is stopping"));
        }
    }

    @Override
    public Set<Role> roles() {
        return grant.roles();
    }

    @Override
    public String lacks(String commandName, Role role) {
        return "'" + commandName + "' needs the " + role.wireName() + " role, which token '" + grant.name()
                + "' does not have";
    }

    /** {@code help} lists a shell prefix only where this agent would run its lines. */
    @Override
    public boolean offers(AgentCommand command) {
        return !(command instanceof ShellCommand shell) || shell.runsUnder(settings.shell());
    }

    @Override
    public void disconnect() {
        connection.close(ErrorReport.fatal(ErrorCode.SHUTTING_DOWN, "disconnected at your request"));
    }

    private void cancel(int id) {
        if (id <= 0) {
            connection.close(ErrorReport.fatal(ErrorCode.PROTOCOL_ERROR, "request ids must be positive, not " + id));
            return;
        }
        RunningRequest running = inFlight.get(id);
        if (running == null) {
            send(new ErrorReport(id, ErrorCode.UNKNOWN_ID, "no request " + id + " is in flight"));
        } else {
            running.stop(ResultStatus.CANCELLED);
        }
    }

    public void notice(Notice notice) {
        if (grant != null) {
            send(notice);
        }
    }

    /** What the local administration shows of this client. */
    public AgentRuntime.Client describe() {
        TokenStore.Grant current = grant;
        return new AgentRuntime.Client(connection.remoteAddress(), Optional.ofNullable(current).map(TokenStore.Grant::name),
                current == null ? Set.of() : current.roles(), inFlight.size(), connectedSince, "framed");
    }

    public void close(ErrorReport reason) {
        connection.close(reason);
    }

    private void send(Message message) {
        try {
            connection.send(message);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "dropped " + message.type() + " for a closed connection");
        }
    }

    @Override
    public void closed(Connection from, Throwable cause) {
        handshakeDeadline.cancel(false);
        inFlight.values().forEach(running -> running.stop(ResultStatus.CANCELLED));
        inFlight.clear();
        onClosed.accept(this);
        if (cause != null) {
            LOG.log(System.Logger.Level.INFO, "connection from " + from.peerName() + " ended: " + cause.getMessage());
        }
    }
}
