package outpost.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import outpost.client.AgentRoute;
import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.ConnectFailures;
import outpost.client.OutputListener;
import outpost.client.SessionListener;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.client.CertificateChangedException;
import outpost.client.UntrustedAgentException;
import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Cancel;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.protocol.Output;
import outpost.protocol.ProtocolException;
import outpost.protocol.ProtocolVersion;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Limits;
import outpost.transport.MessageHandler;
import outpost.transport.PeerError;
import outpost.transport.Transport;

/** A session over one transport connection; commands are matched to their output and result by id. */
final class TransportAgentSession implements AgentSession {

    private final AgentRoute route;
    private final SessionSettings settings;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, PendingCall> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private volatile SessionStatus status = SessionStatus.DISCONNECTED;
    /** The connection attempt in use; events of earlier attempts are ignored. */
    private volatile Attempt current;
    private volatile Hello hello;
    private volatile List<String> roles = List.of();
    private volatile String fingerprint;

    /** A session that connects directly over {@code transport}. */
    TransportAgentSession(Transport transport, SessionSettings settings) {
        this(AgentRoute.direct(transport), settings);
    }

    TransportAgentSession(AgentRoute route, SessionSettings settings) {
        this.route = route;
        this.settings = settings;
    }

    @Override
    public SessionSettings settings() {
        return settings;
    }

    @Override
    public SessionStatus status() {
        return status;
    }

    @Override
    public Optional<Hello> hello() {
        return Optional.ofNullable(hello);
    }

    @Override
    public List<String> roles() {
        return roles;
    }

    @Override
    public Optional<String> fingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    @Override
    public void connect() throws IOException {
        synchronized (this) {
            if (status != SessionStatus.DISCONNECTED) {
                throw new IllegalStateException("session to " + settings.endpoint() + " is already " + status.label());
            }
            setStatus(SessionStatus.CONNECTING, null);
        }
        Attempt attempt = new Attempt();
        current = attempt;
        FingerprintPinning pinning = new FingerprintPinning(settings.pins(), settings.trustNew());
        Limits limits = settings.keepalive() == null ? Limits.DEFAULT
                : Limits.DEFAULT.withIdleTimeout(settings.keepalive(), settings.keepalive().dividedBy(3));
        try {
            attempt.connection = route.connect(new ConnectSettings(settings.host(), settings.port(),
                    settings.connectTimeout(), settings.tls() ? Optional.of(pinning) : Optional.empty(), limits, settings.tlsEngine()),
                    attempt);
        } catch (IOException e) {
            current = null;
            String reason = ConnectFailures.describe(settings.host(), settings.port(), e);
            setStatus(SessionStatus.DISCONNECTED, reason);
            Optional<String> unknown = pinning.refusedUnknown();
            if (unknown.isPresent()) {
                throw new UntrustedAgentException(settings.host(), settings.port(), unknown.get(), reason, e);
            }
            Optional<String[]> changed = pinning.refusedChanged();
            if (changed.isPresent()) {
                throw new CertificateChangedException(settings.host(), settings.port(), changed.get()[0],
                        changed.get()[1], reason, e);
            }
            throw new IOException(reason, e);
        }
        try {
            handshake(attempt);
            pinning.rememberIfNew(settings.host(), settings.port());
        } catch (IOException e) {
            disconnect(e.getMessage());
            throw e;
        }
        fingerprint = pinning.presented().orElse(null);
        setStatus(SessionStatus.CONNECTED, null);
    }

    /** Hello from the agent, our Auth, its AuthOk: each step bounded by the connect timeout. */
    private void handshake(Attempt attempt) throws IOException {
        Hello greeting = await(attempt.hello, "send its greeting");
        if (!greeting.isCompatible()) {
            String text = "The agent at " + settings.endpoint() + " speaks protocol " + greeting.protocolMajor() + "."
                    + greeting.protocolMinor() + ", this client " + ProtocolVersion.text() + ": update the older side.";
            current = null; // our own close: not a lost connection
            attempt.connection.close(ErrorReport.fatal(ErrorCode.UNSUPPORTED_VERSION, text));
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, text);
        }
        hello = greeting;
        attempt.connection.send(Auth.current(settings.token()));
        AuthOk granted = await(attempt.authOk, "accept the token");
        roles = granted.roles();
    }

    private <T> T await(CompletableFuture<T> step, String what) throws IOException {
        long millis = settings.connectTimeout().toMillis();
        try {
            return step.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("The agent at " + settings.endpoint() + " did not " + what + " within " + millis
                    + " ms: is it an Outpost agent?", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + settings.endpoint(), e);
        }
    }

    @Override
    public CommandCall execute(String commandLine, Duration timeout, OutputListener listener) {
        Attempt attempt = current;
        if (status != SessionStatus.CONNECTED || attempt == null) {
            throw new IllegalStateException("not connected to " + settings.endpoint());
        }
        int id = nextId.incrementAndGet();
        PendingCall call = new PendingCall(id, listener, attempt);
        pending.put(id, call);
        int timeoutMillis = timeout == null ? 0 : (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try {
            attempt.connection.send(new Request(id, timeoutMillis, commandLine));
        } catch (IOException e) {
            pending.remove(id);
            call.result.completeExceptionally(e);
        }
        return call;
    }

    @Override
    public CompletableFuture<Duration> roundTrip() {
        Attempt attempt = current;
        if (status != SessionStatus.CONNECTED || attempt == null) {
            throw new IllegalStateException("not connected to " + settings.endpoint());
        }
        return attempt.connection.roundTrip();
    }

    private void received(Attempt attempt, Message message) {
        if (message instanceof Hello greeting) {
            attempt.hello.complete(greeting);
        } else if (message instanceof AuthOk ok) {
            attempt.authOk.complete(ok);
        } else if (message instanceof Output output) {
            PendingCall call = pending.get(output.id());
            if (call != null && call.listener != null) {
                call.listener.output(output);
            }
        } else if (message instanceof Result result) {
            PendingCall call = pending.remove(result.id());
            if (call != null) {
                call.result.complete(result);
            }
        } else if (message instanceof ErrorReport report) {
            PendingCall call = pending.remove(report.id());
            if (call != null) {
                call.result.completeExceptionally(new IOException(report.message() + " (" + report.code() + ")"));
            }
        } else if (message instanceof Notice notice) {
            attempt.lastNotice = notice;
            listeners.forEach(listener -> listener.noticeReceived(this, notice));
        }
    }

    private void lost(Attempt attempt, Throwable cause) {
        current = null;
        String reason = reasonFor(attempt, cause);
        IOException failure = cause instanceof PeerError peer ? new IOException(explain(peer.report()), peer)
                : new IOException(reason, cause);
        attempt.hello.completeExceptionally(failure);
        attempt.authOk.completeExceptionally(failure);
        failPending(reason);
        if (status != SessionStatus.DISCONNECTED) {
            setStatus(SessionStatus.DISCONNECTED, reason);
        }
    }

    private String reasonFor(Attempt attempt, Throwable cause) {
        Notice notice = attempt.lastNotice;
        if (notice != null && notice.kind() == NoticeKind.RESETTING) {
            return "The agent at " + settings.endpoint() + " is restarting (" + notice.text() + ").";
        }
        if (notice != null && notice.kind() == NoticeKind.STOPPING) {
            return "The agent at " + settings.endpoint() + " stopped (" + notice.text() + ").";
        }
        if (cause instanceof PeerError peer) {
            return explain(peer.report());
        }
        if (cause == null) {
            return "The agent at " + settings.endpoint() + " closed the connection.";
        }
        return "Lost the connection to " + settings.endpoint() + ": " + cause.getMessage();
    }

    private String explain(ErrorReport report) {
        return switch (report.code()) {
            case AUTH_FAILED -> "The agent at " + settings.endpoint() + " refused the token.";
            case AUTH_THROTTLED -> "The agent at " + settings.endpoint() + " refuses this address for now: " + report.message();
            default -> "The agent at " + settings.endpoint() + " closed the connection: " + report.message();
        };
    }

    @Override
    public void close() {
        disconnect(null);
    }

    private void disconnect(String reason) {
        Attempt attempt = current;
        current = null; // from here on, the connection's own close event is ignored
        if (attempt != null && attempt.connection != null) {
            attempt.connection.close();
        }
        failPending(reason == null ? "session closed" : reason);
        if (status != SessionStatus.DISCONNECTED) {
            setStatus(SessionStatus.DISCONNECTED, reason);
        }
    }

    private void failPending(String reason) {
        pending.forEach((id, call) -> call.result.completeExceptionally(new IOException(reason)));
        pending.clear();
    }

    private synchronized void setStatus(SessionStatus newStatus, String reason) {
        status = newStatus;
        for (SessionListener listener : listeners) {
            listener.statusChanged(this, newStatus, reason);
        }
    }

    @Override
    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    /** One connection of this session; it forwards events only while it is the current one. */
    private final class Attempt implements MessageHandler {
        final CompletableFuture<Hello> hello = new CompletableFuture<>();
        final CompletableFuture<AuthOk> authOk = new CompletableFuture<>();
        volatile Connection connection;
        volatile Notice lastNotice;

        @Override
        public void received(Connection from, Message message) {
            if (current == this) {
                TransportAgentSession.this.received(this, message);
            }
        }

        @Override
        public void closed(Connection from, Throwable cause) {
            if (current == this) {
                lost(this, cause);
            }
        }
    }

    private final class PendingCall implements CommandCall {
        final int id;
        final OutputListener listener;
        final Attempt attempt;
        final CompletableFuture<Result> result = new CompletableFuture<>();

        PendingCall(int id, OutputListener listener, Attempt attempt) {
            this.id = id;
            this.listener = listener;
            this.attempt = attempt;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public CompletableFuture<Result> result() {
            return result;
        }

        @Override
        public void cancel() {
            if (!result.isDone() && attempt.connection != null) {
                try {
                    attempt.connection.send(new Cancel(id));
                } catch (IOException e) {
                    // the connection is gone: the result fails with the reason anyway
                }
            }
        }
    }
}
