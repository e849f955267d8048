package outpost.testing.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import outpost.client.AgentRoute;
import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.OutputListener;
import outpost.client.SessionListener;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.protocol.Hello;
import outpost.protocol.Notice;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;

/**
 * A session to a {@link FakeAgent}, in memory: it connects as the agent's script says, answers
 * commands at once and tells its listeners of every status change, as a real session does; the test
 * drops it or sends it the agent's notices. Thread-safe; listeners are told outside its lock.
 */
public final class FakeAgentSession implements AgentSession {

    private final SessionSettings settings;
    private final Optional<AgentRoute> route;
    private final FakeAgent agent;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final List<FakeStream> streams = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private SessionStatus status = SessionStatus.DISCONNECTED;
    /** Guarded by this. */
    private boolean closed;
    /** The roles of the current connection; guarded by this. */
    private List<String> roles = List.of();

    FakeAgentSession(SessionSettings settings, Optional<AgentRoute> route, FakeAgent agent) {
        this.settings = settings;
        this.route = route;
        this.agent = agent;
    }

    /** The route the session was created with ({@link FakeAgent#create(SessionSettings, AgentRoute)}); empty for direct. */
    public Optional<AgentRoute> route() {
        return route;
    }

    /**
     * Connects unless the agent's script refuses: CONNECTING, then CONNECTED or DISCONNECTED with the
     * failure's message as the reason.
     *
     * @throws IllegalStateException when the session is closed or not disconnected
     */
    @Override
    public void connect() throws IOException {
        synchronized (this) {
            if (closed || status != SessionStatus.DISCONNECTED) {
                throw new IllegalStateException("session is already " + (closed ? "closed" : status.label()));
            }
            status = SessionStatus.CONNECTING;
        }
        tell(SessionStatus.CONNECTING, null);
        try {
            agent.admit(settings);
        } catch (IOException e) {
            change(SessionStatus.DISCONNECTED, e.getMessage());
            throw e;
        }
        synchronized (this) {
            if (closed) { // closed while the agent was deciding: close() told the listeners
                throw new IOException("The session to " + settings.endpoint() + " was closed while connecting.");
            }
            roles = agent.roles();
        }
        change(SessionStatus.CONNECTED, null);
    }

    /** The connection is lost, e.g. the agent stopped: the listeners hear DISCONNECTED with the reason. */
    public void drop(String reason) {
        change(SessionStatus.DISCONNECTED, reason);
    }

    /** The agent announces something to its clients. */
    public void notice(Notice notice) {
        listeners.forEach(listener -> listener.noticeReceived(this, notice));
    }

    @Override
    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    /** The listeners added and not removed, in order. */
    public List<SessionListener> listeners() {
        return List.copyOf(listeners);
    }

    public synchronized boolean closed() {
        return closed;
    }

    /** How many commands were started. */
    public int requests() {
        return requests.get();
    }

    /**
     * Answers at once: the agent's answer to the line on standard output and OK, or UNKNOWN_COMMAND
     * for a line it has no answer to; a line the agent {@link FakeAgent#streams streams} starts a
     * {@link FakeStream} instead, which fails when this session disconnects.
     *
     * @throws IllegalStateException when the session is not connected
     */
    @Override
    public CommandCall execute(String commandLine, Duration timeout, OutputListener listener) {
        if (status() != SessionStatus.CONNECTED) {
            throw new IllegalStateException("not connected");
        }
        int id = requests.incrementAndGet();
        Optional<FakeStream> stream = agent.startStream(id, commandLine, listener);
        if (stream.isPresent()) {
            streams.add(stream.get());
            return stream.get();
        }
        Optional<String> answer = agent.answerTo(commandLine);
        answer.ifPresent(stdout -> listener.output(new Output(id, OutputKind.STDOUT, stdout)));
        Result result = answer.isPresent() ? Result.ok(id, 1)
                : Result.of(id, ResultStatus.UNKNOWN_COMMAND, "Unknown command: " + commandLine);
        return new AnsweredCall(id, CompletableFuture.completedFuture(result));
    }

    /** Answers at once, as an agent on this machine would; counted in {@link #roundTrips()}. */
    @Override
    public CompletableFuture<Duration> roundTrip() {
        if (status() != SessionStatus.CONNECTED) {
            throw new IllegalStateException("not connected");
        }
        roundTrips.incrementAndGet();
        return CompletableFuture.completedFuture(Duration.ofNanos(250_000));
    }

    /** How many round trips were measured. */
    public int roundTrips() {
        return roundTrips.get();
    }

    @Override
    public SessionSettings settings() {
        return settings;
    }

    @Override
    public synchronized SessionStatus status() {
        return status;
    }

    @Override
    public Optional<Hello> hello() {
        return status() == SessionStatus.CONNECTED ? Optional.of(FakeAgent.HELLO) : Optional.empty();
    }

    @Override
    public synchronized List<String> roles() {
        return status == SessionStatus.CONNECTED ? roles : List.of();
    }

    @Override
    public Optional<String> fingerprint() {
        return status() == SessionStatus.CONNECTED ? Optional.of(FakeAgent.FINGERPRINT) : Optional.empty();
    }

    @Override
    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    /** Closes; the listeners hear DISCONNECTED without a reason unless it was disconnected. Idempotent. */
    @Override
    public void close() {
        SessionStatus before;
        synchronized (this) {
            closed = true;
            before = status;
            status = SessionStatus.DISCONNECTED;
        }
        if (before != SessionStatus.DISCONNECTED) {
            tell(SessionStatus.DISCONNECTED, null);
        }
    }

    private void change(SessionStatus next, String reason) {
        synchronized (this) {
            status = next;
        }
        tell(next, reason);
    }

    private void tell(SessionStatus next, String reason) {
        if (next == SessionStatus.DISCONNECTED) {
            streams.forEach(FakeStream::connectionLost);
            streams.clear();
        }
        listeners.forEach(listener -> listener.statusChanged(this, next, reason));
    }

    /** A command whose result is known when it starts; cancelling it comes too late. */
    private record AnsweredCall(int id, CompletableFuture<Result> result) implements CommandCall {
        @Override
        public void cancel() {
        }
    }
}
