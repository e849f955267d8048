package outpost.agent.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import outpost.agent.AgentCommand;
import outpost.agent.AgentSettings;
import outpost.agent.internal.commands.StreamingCommand;
import outpost.agent.internal.shell.ShellCommand;
import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Cancel;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Message;
import outpost.protocol.Notice;
import outpost.protocol.ProtocolVersion;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.protocol.Role;
import outpost.transport.Connection;
import outpost.transport.MessageHandler;

/**
 * One client's conversation with the agent: authentication first (within the handshake timeout),
 * then requests, each on the worker pool, tracked by id until its {@link Result} is sent.
 */
final class ClientConnection implements MessageHandler {

    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    private final Connection connection;
    private final AgentSettings settings;
    private final TokenStore tokens;
    private final AuthThrottle throttle;
    private final CommandRegistry commands;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Consumer<ClientConnection> onClosed;
    private final SessionControl control;
    private final AuditLog audit;
    private final Map<Integer, RunningRequest> inFlight = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> handshakeDeadline;
    private volatile TokenStore.Grant grant;
    private final java.time.Instant connectedSince = java.time.Instant.now();
    private final String peerText; // for the audit log: "address:port"

    ClientConnection(Connection connection, AgentSettings settings, TokenStore tokens, AuthThrottle throttle,
            CommandRegistry commands, ExecutorService workers, ScheduledExecutorService timers,
            Consumer<ClientConnection> onClosed, SessionControl control, AuditLog audit) {
        this.connection = connection;
        this.settings = settings;
        this.tokens = tokens;
        this.throttle = throttle;
        this.commands = commands;
        this.workers = workers;
        this.timers = timers;
        this.onClosed = onClosed;
        this.control = control;
        this.audit = audit;
        this.peerText = connection.remoteAddress().getAddress().getHostAddress() + ":" + connection.remoteAddress().getPort();
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
        if (!ProtocolVersion.isCompatible(auth.protocolMajor())) {
            String text = "this agent speaks protocol " + ProtocolVersion.text() + ", the client " + auth.protocolMajor()
                    + "." + auth.protocolMinor() + ": update the older side";
            LOG.log(System.Logger.Level.WARNING, connection.remoteAddress() + ": " + text);
            connection.close(ErrorReport.fatal(ErrorCode.UNSUPPORTED_VERSION, text));
            return;
        }
        InetAddress peer = connection.remoteAddress().getAddress();
        Duration lockout = throttle.lockout(peer);
        if (!lockout.isZero()) {
            connection.close(ErrorReport.fatal(ErrorCode.AUTH_THROTTLED, "too many failed attempts from "
                    + peer.getHostAddress() + "; try again in " + Math.max(1, lockout.toSeconds()) + " s"));
            return;
        }
        var match = tokens.authenticate(auth.token());
        if (match.isEmpty()) {
            int failures = throttle.failed(peer);
            audit.authenticationFailed(peerText);
            LOG.log(System.Logger.Level.WARNING, "authentication failed from " + peer.getHostAddress() + " (" + failures
                    + " in a row)");
            connection.close(ErrorReport.fatal(ErrorCode.AUTH_FAILED, "unknown token"));
            return;
        }
        throttle.succeeded(peer);
        grant = match.get();
        handshakeDeadline.cancel(false);
        LOG.log(System.Logger.Level.INFO, connection.remoteAddress() + " authenticated as '" + grant.name() + "'");
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
        CommandLine line = CommandLine.parse(request.command());
        Optional<BuiltIn> builtIn = BuiltIn.of(line.name());
        Optional<AgentCommand> command = builtIn.isPresent() ? Optional.empty() : commands.find(line.name());
        Role role = builtIn.map(BuiltIn::role).orElseGet(() -> command.map(AgentCommand::requiredRole).orElse(Role.READ));
        RunningRequest running = new RunningRequest(id, timeout, connection, result -> {
            inFlight.remove(id);
            if (role == Role.READ && result.status() != ResultStatus.FORBIDDEN) {
                audit.recordBatched(peerText, grant.name(), request.command(), result);
            } else {
                audit.record(peerText, grant.name(), request.command(), result);
            }
        }, settings.shell(), settings.outputCapBytes());
        if (inFlight.putIfAbsent(id, running) != null) {
            send(new ErrorReport(id, ErrorCode.DUPLICATE_ID, "request " + id + " is already in flight"));
            return;
        }
        audit.expect();
        if (builtIn.isPresent() || command.map(AgentCommand::isQuick).orElse(true)) {
            run(line, builtIn, command, request, running); // built-ins, unknown and quick commands: on the event loop
            return;
        }
        running.runsOffTheEventLoop();
        try {
            Future<?> work = workers.submit(() -> run(line, builtIn, command, request, running));
            ScheduledFuture<?> deadline = timers.schedule(() -> running.stop(ResultStatus.TIMED_OUT),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            running.attach(work, deadline);
        } catch (RejectedExecutionException e) {
            inFlight.remove(id);
            send(new ErrorReport(id, ErrorCode.SHUTTING_DOWN, "the agent is stopping"));
        }
    }

    private void run(CommandLine line, Optional<BuiltIn> builtIn, Optional<AgentCommand> command, Request request,
            RunningRequest running) {
        if (!running.markStarted()) {
            return; // cancelled or timed out while waiting for a worker: its result is sent already
        }
        long started = System.nanoTime();
        Result result = execute(line, builtIn, command, request, running, started);
        if (result != null) { // null: a stream, which finishes when it is stopped
            running.finish(result);
        }
    }

    private Result execute(CommandLine line, Optional<BuiltIn> builtIn, Optional<AgentCommand> command, Request request,
            RunningRequest running, long started) {
        if (builtIn.isPresent()) {
            return builtIn(builtIn.get(), request, running, started);
        }
        if (command.isEmpty()) {
            return Result.of(request.id(), ResultStatus.UNKNOWN_COMMAND, "unknown command '" + line.name() + "', try help");
        }
        AgentCommand found = command.get();
        if (!grant.roles().contains(found.requiredRole())) {
            return Result.of(request.id(), ResultStatus.FORBIDDEN, "'" + line.name() + "' needs the "
                    + found.requiredRole().wireName() + " role, which token '" + grant.name() + "' does not have");
        }
        running.setArguments(line.arguments());
        if (found instanceof StreamingCommand streaming) {
            return stream(streaming, line, running, started);
        }
        try {
            int exitCode = found.execute(running);
            return running.result(ResultStatus.OK, exitCode, elapsedMillis(started), "");
        } catch (IllegalArgumentException e) {
            return running.result(ResultStatus.FAILED, 2, elapsedMillis(started), label(line.name()) + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return running.result(ResultStatus.CANCELLED, -1, elapsedMillis(started), "cancelled");
        } catch (Exception e) {
            if (running.isCancelled()) {
                return running.result(ResultStatus.CANCELLED, -1, elapsedMillis(started), "cancelled");
            }
            LOG.log(System.Logger.Level.WARNING, "command '" + line.name() + "' failed", e);
            return running.result(ResultStatus.FAILED, 1, elapsedMillis(started), label(line.name()) + "failed: " + e);
        }
    }

    /**
     * Opens a stream that runs until the request is cancelled or the connection ends: no timeout,
     * no worker held, one result (and so one audit line, with the whole duration) at its end.
     */
    private Result stream(StreamingCommand command, CommandLine line, RunningRequest running, long started) {
        StreamingCommand.Subscription subscription;
        try {
            subscription = command.open(line.arguments(), running);
        } catch (IllegalArgumentException e) {
            return running.result(ResultStatus.FAILED, 2, elapsedMillis(started), label(line.name()) + e.getMessage());
        }
        running.streamUntilStopped(() -> {
            subscription.close();
            running.finish(running.result(ResultStatus.CANCELLED, -1, elapsedMillis(started), "cancelled"));
        });
        return null;
    }

    private Result builtIn(BuiltIn command, Request request, RunningRequest running, long started) {
        if (!grant.roles().contains(command.role())) {
            return Result.of(request.id(), ResultStatus.FORBIDDEN, "'" + command.word() + "' needs the "
                    + command.role().wireName() + " role, which token '" + grant.name() + "' does not have");
        }
        switch (command) {
            case HELP -> running.stdout(commands.helpText(grant.roles(), this::runsHere));
            case DISCONNECT -> {
                running.stdout("disconnecting");
                running.afterFinish(() -> connection.close(ErrorReport.fatal(ErrorCode.SHUTTING_DOWN,
                        "disconnected at your request")));
            }
            case RESET -> {
                running.stdout("resetting: every client is disconnected, the agent listens again in a moment");
                running.afterFinish(() -> timers.execute(control::reset)); // off the event loop: reset closes it down
            }
            case KILL -> {
                running.stdout("stopping the agent");
                running.afterFinish(() -> timers.execute(control::kill));
            }
        }
        return Result.ok(request.id(), elapsedMillis(started));
    }

    /** Whether {@code help} lists a command: a shell prefix only where this agent would run its lines. */
    private boolean runsHere(String name) {
        return commands.find(name)
                .map(command -> !(command instanceof ShellCommand shell) || shell.runsUnder(settings.shell()))
                .orElse(false);
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

    void notice(Notice notice) {
        if (grant != null) {
            send(notice);
        }
    }

    /** What the local administration shows of this client. */
    AgentRuntime.Client describe() {
        TokenStore.Grant current = grant;
        return new AgentRuntime.Client(connection.remoteAddress(), Optional.ofNullable(current).map(TokenStore.Grant::name),
                current == null ? Set.of() : current.roles(), inFlight.size(), connectedSince, "framed");
    }

    void close(ErrorReport reason) {
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
            LOG.log(System.Logger.Level.INFO, "connection from " + from.remoteAddress() + " ended: " + cause.getMessage());
        }
    }

    /** "ping: " for a word, "sh: " for a prefix that ends with its colon already. */
    private static String label(String commandName) {
        return commandName.endsWith(":") ? commandName + " " : commandName + ": ";
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
