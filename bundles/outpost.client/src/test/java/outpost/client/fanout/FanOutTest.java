package outpost.client.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import outpost.client.AgentSession;
import outpost.client.CommandCall;
import outpost.client.OutputListener;
import outpost.client.SessionListener;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.protocol.Hello;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;

class FanOutTest {

    /** Agents by name: what each answers, or that it is down, or that it runs until cancelled. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Result>> hanging = new ConcurrentHashMap<>();
    private final List<String> closed = new CopyOnWriteArrayList<>();

    private final FanOut.Connector<String> connector = target -> {
        if (target.startsWith("down")) {
            throw new ConnectException("Connection refused: " + target);
        }
        return new FanOut.Connection() {
            @Override
            public AgentSession session() {
                return new Session(target);
            }

            @Override
            public void close() {
                closed.add(target);
            }
        };
    };

    @Test
    void everyTargetGetsItsOwnOutcomeInOrderAndOneDownAgentStopsNoOther() throws Exception {
        answers.put("web-1", "up 3 days\nload 0.1\n");
        answers.put("web-2", "!2"); // a process that exits 2: status OK, exit code 2
        List<FanOutOutcome<String>> heard = new CopyOnWriteArrayList<>();
        List<FanOutOutcome<String>> outcomes = FanOut.start(List.of("web-1", "down-1", "web-2"), connector, "uptime",
                Duration.ofSeconds(5), 2, heard::add).outcomes().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("web-1", "down-1", "web-2"), outcomes.stream().map(FanOutOutcome::target).toList());
        assertEquals(FanOutStatus.OK, outcomes.get(0).status());
        assertEquals(0, outcomes.get(0).exitCode());
        assertEquals("up 3 days", outcomes.get(0).firstLine());
        assertEquals(FanOutStatus.UNREACHABLE, outcomes.get(1).status());
        assertEquals("Connection refused: down-1", outcomes.get(1).firstLine(), "the reason stands in for output");
        assertEquals(FanOutStatus.FAILED, outcomes.get(2).status());
        assertEquals(2, outcomes.get(2).exitCode());
        assertEquals("exit code 2", outcomes.get(2).error());
        assertEquals(3, heard.size(), "the listener hears each as it ends");
        assertTrue(closed.containsAll(List.of("web-1", "web-2")), "every connection is let go of");
    }

    @Test
    void cancelStopsRunningCommandsOnTheirAgentsAndStartsNoMore() throws Exception {
        hanging.put("slow-1", new CompletableFuture<>());
        hanging.put("slow-2", new CompletableFuture<>());
        List<FanOutStatus> statuses = new CopyOnWriteArrayList<>();
        FanOut.Run<String> run = FanOut.start(List.of("slow-1", "slow-2", "web-3"), connector, "sleep 60", null, 2,
                new FanOut.Listener<>() {
                    @Override
                    public void status(String target, FanOutStatus status) {
                        statuses.add(status);
                    }

                    @Override
                    public void finished(FanOutOutcome<String> outcome) {
                    }
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (statuses.stream().filter(s -> s == FanOutStatus.RUNNING).count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        run.cancel();
        List<FanOutOutcome<String>> outcomes = run.outcomes().get(10, TimeUnit.SECONDS);
        assertEquals(List.of(FanOutStatus.CANCELLED, FanOutStatus.CANCELLED, FanOutStatus.CANCELLED),
                outcomes.stream().map(FanOutOutcome::status).toList());
        assertEquals("cancelled before it started", outcomes.get(2).error(), "the third never started");
    }

    @Test
    void aRefusalByTheAgentIsForbiddenNotAFailure() throws Exception {
        answers.put("web-1", "?shell commands are off on this agent");
        answers.put("web-2", "fine\n");
        List<FanOutOutcome<String>> outcomes = FanOut.start(List.of("web-1", "web-2"), connector, "sh: uptime", null, 2,
                outcome -> {
                }).outcomes().get(10, TimeUnit.SECONDS);
        assertEquals(FanOutStatus.FORBIDDEN, outcomes.get(0).status());
        assertEquals("shell commands are off on this agent", outcomes.get(0).firstLine());
        assertEquals(null, outcomes.get(0).exitCode(), "nothing ran");
        assertTrue(FanOutStatus.FORBIDDEN.finished());
        assertEquals(FanOutStatus.OK, outcomes.get(1).status(), "one agent's refusal is its own");
    }

    /**
     * Answers from {@link #answers}: text on standard output; "!N" exits N; "?reason" is refused as
     * forbidden; a hanging one ends when cancelled.
     */
    private final class Session implements AgentSession {
        private final String name;

        Session(String name) {
            this.name = name;
        }

        @Override
        public CommandCall execute(String commandLine, Duration timeout, OutputListener listener) {
            CompletableFuture<Result> hang = hanging.get(name);
            if (hang != null) {
                return new Call(hang, () -> hang.complete(Result.of(1, ResultStatus.CANCELLED, "cancelled")));
            }
            String answer = answers.getOrDefault(name, "");
            if (answer.startsWith("?")) {
                return new Call(CompletableFuture.completedFuture(Result.of(1, ResultStatus.FORBIDDEN, answer.substring(1))),
                        () -> {
                        });
            }
            if (answer.startsWith("!")) {
                return new Call(CompletableFuture.completedFuture(
                        new Result(1, ResultStatus.OK, Integer.parseInt(answer.substring(1)), 1, false, "")), () -> {
                        });
            }
            listener.output(new Output(1, OutputKind.STDOUT, answer));
            return new Call(CompletableFuture.completedFuture(Result.ok(1, 1)), () -> {
            });
        }

        @Override
        public SessionSettings settings() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Duration> roundTrip() {
            throw new UnsupportedOperationException("the fan-out never measures");
        }

        @Override
        public SessionStatus status() {
            return SessionStatus.CONNECTED;
        }

        @Override
        public Optional<Hello> hello() {
            return Optional.empty();
        }

        @Override
        public List<String> roles() {
            return List.of();
        }

        @Override
        public Optional<String> fingerprint() {
            return Optional.empty();
        }

        @Override
        public void connect() throws IOException {
        }

        @Override
        public void addListener(SessionListener listener) {
        }

        @Override
        public void removeListener(SessionListener listener) {
        }

        @Override
        public void close() {
        }
    }

    private record Call(CompletableFuture<Result> result, Runnable onCancel) implements CommandCall {
        @Override
        public int id() {
            return 1;
        }

        @Override
        public void cancel() {
            onCancel.run();
        }
    }
}
