package outpost.testing.client;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import outpost.client.AgentRoute;
import outpost.client.OutputListener;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.protocol.Hello;

/**
 * The agent behind {@link FakeAgentSession}s, as a test scripts it: whether a connect gets in, the
 * roles it grants, what each command line answers. It makes the sessions and keeps them, in order.
 * By default every connect gets in with the roles read, execute and admin. Thread-safe.
 */
public final class FakeAgent implements SessionFactory {

    /** The fingerprint of the agent's certificate. */
    public static final String FINGERPRINT = "SHA256:agent";
    /** What the agent announces to a session that connects. */
    public static final Hello HELLO = new Hello(1, 0, "0.1.0", "lab-host", List.of());

    /** Decides whether a connect gets in: returns to let it in, throws what the session's connect throws. */
    @FunctionalInterface
    public interface Gate {
        void admit(SessionSettings settings) throws IOException;
    }

    private final List<FakeAgentSession> created = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, List<FakeStream>> streams = new ConcurrentHashMap<>();
    private final Deque<IOException> failures = new ArrayDeque<>();
    private volatile Gate gate = settings -> {
    };
    private volatile List<String> roles = List.of("read", "execute", "admin");

    @Override
    public FakeAgentSession create(SessionSettings settings) {
        return add(new FakeAgentSession(settings, Optional.empty(), this));
    }

    /**
     * A session as {@link #create(SessionSettings)} makes, remembering {@code route} for the test
     * ({@link FakeAgentSession#route()}): fake sessions open no connection, so the route is never taken.
     */
    @Override
    public FakeAgentSession create(SessionSettings settings, AgentRoute route) {
        return add(new FakeAgentSession(settings, Optional.of(route), this));
    }

    private FakeAgentSession add(FakeAgentSession session) {
        created.add(session);
        return session;
    }

    /** The sessions made so far, oldest first. */
    public List<FakeAgentSession> created() {
        return List.copyOf(created);
    }

    /** The newest session. */
    public FakeAgentSession last() {
        List<FakeAgentSession> all = created();
        if (all.isEmpty()) {
            throw new AssertionError("no session was made");
        }
        return all.get(all.size() - 1);
    }

    /** Lets in the connects that {@code next} admits, once the failures scripted by {@link #failNext} are used up. */
    public void admitWith(Gate next) {
        gate = next;
    }

    /** The next connects fail with these, in order, whatever the gate says. */
    public void failNext(IOException... next) {
        synchronized (failures) {
            failures.addAll(List.of(next));
        }
    }

    /** The roles granted to the sessions that connect from now on. */
    public void grant(String... granted) {
        roles = List.of(granted);
    }

    /** What {@code commandLine} writes to standard output from now on; other lines are unknown commands. */
    public void answer(String commandLine, String stdout) {
        answers.put(commandLine, stdout);
    }

    /**
     * {@code commandLine} streams from now on: each time it is started, its output comes as the
     * test writes it to the {@link FakeStream} ({@link #started}), until ended or cancelled.
     */
    public void streams(String commandLine) {
        streams.putIfAbsent(commandLine, new CopyOnWriteArrayList<>());
    }

    /** The streams started for {@code commandLine} by any session, oldest first. */
    public List<FakeStream> started(String commandLine) {
        List<FakeStream> started = streams.get(commandLine);
        return started == null ? List.of() : List.copyOf(started);
    }

    /** How many connects reached the agent at {@code host}. */
    public int attempts(String host) {
        AtomicInteger count = attempts.get(host);
        return count == null ? 0 : count.get();
    }

    void admit(SessionSettings settings) throws IOException {
        attempts.computeIfAbsent(settings.host(), h -> new AtomicInteger()).incrementAndGet();
        IOException failure;
        synchronized (failures) {
            failure = failures.poll();
        }
        if (failure != null) {
            throw failure;
        }
        gate.admit(settings);
    }

    List<String> roles() {
        return roles;
    }

    /** Starts a stream if the line is one that streams. */
    Optional<FakeStream> startStream(int id, String commandLine, OutputListener listener) {
        List<FakeStream> started = streams.get(commandLine);
        if (started == null) {
            return Optional.empty();
        }
        FakeStream stream = new FakeStream(id, commandLine, listener);
        started.add(stream);
        return Optional.of(stream);
    }

    Optional<String> answerTo(String commandLine) {
        return Optional.ofNullable(answers.get(commandLine));
    }
}
