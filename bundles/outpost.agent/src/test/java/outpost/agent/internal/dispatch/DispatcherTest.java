package outpost.agent.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import outpost.agent.AgentCommand;
import outpost.agent.CommandContext;
import outpost.agent.ShellPolicy;
import outpost.protocol.ResultStatus;
import outpost.protocol.Role;
import outpost.testing.Conditions;

/** The one chain both ports use, from a command line to its outcome. */
class DispatcherTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "test-worker"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final CommandRegistry commands = new CommandRegistry();
    private final List<String> sessionActions = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher = new Dispatcher(commands, workers, timers, new SessionControl() {
        @Override
        public void reset() {
            sessionActions.add("reset");
        }

        @Override
        public void kill() {
            sessionActions.add("kill");
        }
    });

    @AfterEach
    void shutDown() {
        workers.shutdownNow();
        timers.shutdownNow();
    }

    @Test
    void aQuickCommandRunsOnTheCallersThreadAndEndsWithItsExitCode() {
        commands.add(command("cpu", true, Role.READ, context -> {
            context.stdout("thread " + Thread.currentThread().getName() + ", arguments '" + context.arguments() + "'");
            return 3;
        }));
        Recorded request = new Recorded();
        assertTrue(dispatcher.dispatch(dispatcher.admit("CPU  now", reader()), reader(), request));
        assertEquals(List.of("thread " + Thread.currentThread().getName() + ", arguments 'now'"), request.output);
        assertEquals(ResultStatus.OK, request.outcome.status());
        assertEquals(3, request.outcome.exitCode());
    }

    @Test
    void aSlowCommandRunsOnAWorker() throws Exception {
        commands.add(command("disk", false, Role.READ, context -> {
            context.stdout(Thread.currentThread().getName());
            return 0;
        }));
        Recorded request = new Recorded();
        dispatcher.dispatch(dispatcher.admit("disk", reader()), reader(), request);
        Conditions.waitUntil("the worker ended the request", () -> request.outcome != null);
        assertEquals(List.of("test-worker"), request.output);
    }

    @Test
    void refusalsComeFromThePortFirstThenUnknownThenRoles() {
        commands.add(command("sh:", false, Role.EXECUTE, context -> 0));
        Caller port = new TestCaller(Set.of(Role.READ)) {
            @Override
            public Optional<Outcome> refusal(CommandLine line, Optional<AgentCommand> command) {
                return line.name().equals("sh:") ? Optional.of(Outcome.refused(ResultStatus.FORBIDDEN, 0, "not here"))
                        : Optional.empty();
            }
        };
        assertEquals(Outcome.refused(ResultStatus.FORBIDDEN, 0, "not here"), end("sh: id", port));
        assertEquals(Outcome.refused(ResultStatus.UNKNOWN_COMMAND, 0, "unknown command 'frob', try help"), end("frob", port));
        assertEquals(Outcome.refused(ResultStatus.FORBIDDEN, 0, "lacks execute for sh:"), end("sh: id", reader()));
        assertEquals(Outcome.refused(ResultStatus.FORBIDDEN, 0, "lacks admin for kill"), end("kill", reader()));
        assertEquals(Role.EXECUTE, dispatcher.admit("sh: id", reader()).role());
    }

    @Test
    void failuresBecomeOutcomesWithTheCommandsName() {
        commands.add(command("ping", true, Role.READ, context -> {
            throw new IllegalArgumentException("no host given");
        }));
        commands.add(command("load", true, Role.READ, context -> {
            throw new IllegalStateException("boom");
        }));
        Outcome badArguments = end("ping", reader());
        assertEquals(ResultStatus.FAILED, badArguments.status());
        assertEquals(2, badArguments.exitCode());
        assertEquals("ping: no host given", badArguments.message());
        Outcome failed = end("load", reader());
        assertEquals(1, failed.exitCode());
        assertEquals("load: failed: java.lang.IllegalStateException: boom", failed.message());
    }

    @Test
    void aCommandPastItsDeadlineIsInterruptedAndSaysWhen() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        commands.add(command("sleep", false, Role.READ, context -> {
            try {
                Thread.sleep(60_000);
            } finally {
                interrupted.countDown();
            }
            return 0;
        }));
        Recorded request = new Recorded(Duration.ofMillis(300));
        dispatcher.dispatch(dispatcher.admit("sleep", reader()), reader(), request);
        assertTrue(interrupted.await(30, TimeUnit.SECONDS));
        Conditions.waitUntil("the request ended", () -> request.outcome != null);
        assertEquals(ResultStatus.TIMED_OUT, request.outcome.status());
        assertEquals("timed out after 300 ms", request.outcome.message());
        assertEquals(1, request.endings);
    }

    @Test
    void aRequestStoppedBeforeAWorkerTookItEndsOnceAndNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        commands.add(command("block", false, Role.READ, context -> {
            release.await();
            return 0;
        }));
        commands.add(command("late", false, Role.READ, context -> {
            ran.add("late");
            return 0;
        }));
        dispatcher.dispatch(dispatcher.admit("block", reader()), reader(), new Recorded());
        dispatcher.dispatch(dispatcher.admit("block", reader()), reader(), new Recorded()); // both workers busy
        Recorded queued = new Recorded();
        dispatcher.dispatch(dispatcher.admit("late", reader()), reader(), queued);
        queued.stop(ResultStatus.CANCELLED);
        assertEquals(new Outcome(ResultStatus.CANCELLED, -1, 0, "cancelled"), queued.outcome);
        release.countDown();
        workers.shutdown();
        assertTrue(workers.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(List.of(), ran);
        assertEquals(1, queued.endings);
    }

    @Test
    void builtInsAnswerAndActAfterTheirAnswer() throws Exception {
        commands.add(command("cpu", true, Role.READ, context -> 0));
        TestCaller admin = new TestCaller(Set.of(Role.READ, Role.ADMIN));
        Recorded help = new Recorded();
        dispatcher.dispatch(dispatcher.admit("help", admin), admin, help);
        assertTrue(help.output.get(0).contains("cpu") && help.output.get(0).contains("reset"), help.output.toString());
        Recorded disconnect = new Recorded();
        admin.watched = disconnect;
        dispatcher.dispatch(dispatcher.admit("disconnect", admin), admin, disconnect);
        assertEquals(List.of("disconnecting"), disconnect.output);
        assertEquals(List.of("disconnected after the answer"), admin.events);
        dispatcher.dispatch(dispatcher.admit("kill", admin), admin, new Recorded());
        Conditions.waitUntil("kill reached the session control", () -> sessionActions.contains("kill"));
    }

    @Test
    void aStoppingAgentRefusesWork() {
        commands.add(command("disk", false, Role.READ, context -> 0));
        workers.shutdown();
        Recorded request = new Recorded();
        assertFalse(dispatcher.dispatch(dispatcher.admit("disk", reader()), reader(), request));
        assertSame(null, request.outcome);
    }

    private Outcome end(String line, Caller caller) {
        Recorded request = new Recorded();
        dispatcher.dispatch(dispatcher.admit(line, caller), caller, request);
        return request.outcome;
    }

    private static TestCaller reader() {
        return new TestCaller(Set.of(Role.READ));
    }

    private interface Body {
        int run(CommandContext context) throws Exception;
    }

    private static AgentCommand command(String name, boolean quick, Role role, Body body) {
        return new AgentCommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String help() {
                return "test command " + name;
            }

            @Override
            public Role requiredRole() {
                return role;
            }

            @Override
            public boolean isQuick() {
                return quick;
            }

            @Override
            public int execute(CommandContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    private static class TestCaller implements Caller {
        private final Set<Role> roles;
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile Recorded watched;

        TestCaller(Set<Role> roles) {
            this.roles = roles;
        }

        @Override
        public Set<Role> roles() {
            return roles;
        }

        @Override
        public String lacks(String commandName, Role role) {
            return "lacks " + role.wireName() + " for " + commandName;
        }

        @Override
        public boolean offers(AgentCommand command) {
            return true;
        }

        @Override
        public void disconnect() {
            events.add(watched != null && watched.outcome != null ? "disconnected after the answer" : "disconnected");
        }
    }

    /** A request that keeps what it was told. */
    private static final class Recorded extends DispatchedRequest {
        final List<String> output = new CopyOnWriteArrayList<>();
        volatile Outcome outcome;
        volatile int endings;

        Recorded() {
            this(Duration.ofSeconds(60));
        }

        Recorded(Duration timeout) {
            super(timeout, ShellPolicy.DISABLED);
        }

        @Override
        protected void deliver(Outcome ending) {
            outcome = ending;
            endings++;
        }

        @Override
        public void stdout(String text) {
            output.add(text);
        }

        @Override
        public void stderr(String text) {
            output.add(text);
        }
    }
}
