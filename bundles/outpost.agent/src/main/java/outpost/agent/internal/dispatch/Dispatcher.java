package outpost.agent.internal.dispatch;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import outpost.agent.AgentCommand;
import outpost.agent.internal.commands.StreamingCommand;
import outpost.protocol.ResultStatus;
import outpost.protocol.Role;

/**
 * The one way from a command line to its ending, for both ports: looks the command up, admits it
 * for the caller's roles and port, runs built-ins and quick commands on the caller's thread and
 * the rest on a worker under the request's deadline, and turns however a command ends (its exit
 * code, bad arguments, a failure, a stop) into an {@link Outcome}.
 */
public final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final CommandRegistry commands;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final SessionControl control;

    public Dispatcher(CommandRegistry commands, ExecutorService workers, ScheduledExecutorService timers,
            SessionControl control) {
        this.commands = commands;
        this.workers = workers;
        this.timers = timers;
        this.control = control;
    }

    /** Looks a command line up for a caller: what would run, or why nothing will. */
    public Admission admit(String commandLine, Caller caller) {
        CommandLine line = CommandLine.parse(commandLine);
        Optional<BuiltIn> builtIn = BuiltIn.of(line.name());
        Optional<AgentCommand> command = builtIn.isPresent() ? Optional.empty() : commands.find(line.name());
        Role role = builtIn.map(BuiltIn::role).orElseGet(() -> command.map(AgentCommand::requiredRole).orElse(Role.READ));
        Optional<Outcome> refusal = caller.refusal(line, command);
        if (refusal.isEmpty() && builtIn.isEmpty() && command.isEmpty()) {
            refusal = Optional.of(Outcome.refused(ResultStatus.UNKNOWN_COMMAND, 0, "unknown command '" + line.name()
                    + "', try help"));
        }
        if (refusal.isEmpty() && !caller.roles().contains(role)) {
            refusal = Optional.of(Outcome.refused(ResultStatus.FORBIDDEN, 0, caller.lacks(line.name(), role)));
        }
        return new Admission(line, refusal, builtIn, command, role);
    }

    /**
     * Runs an admitted request to its ending: on the calling thread (refusals, built-ins, quick
     * commands: the transport's event loop), or on a worker with the request's deadline.
     *
     * @return false when the workers take no more work (the agent is stopping): the request has not ended
     */
    public boolean dispatch(Admission admission, Caller caller, DispatchedRequest request) {
        if (admission.runsOnCallersThread()) {
            run(admission, caller, request);
            return true;
        }
        request.runsOffTheEventLoop();
        try {
            Future<?> work = workers.submit(() -> run(admission, caller, request));
            ScheduledFuture<?> deadline = timers.schedule(() -> request.stop(ResultStatus.TIMED_OUT),
                    request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            request.attach(work, deadline);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void run(Admission admission, Caller caller, DispatchedRequest request) {
        if (!request.markStarted()) {
            return; // stopped while waiting for a worker: it has ended already
        }
        long started = System.nanoTime();
        Outcome outcome = execute(admission, caller, request, started);
        if (outcome != null) { // null: a stream, which ends when it is stopped
            request.finish(outcome);
        }
    }

    private Outcome execute(Admission admission, Caller caller, DispatchedRequest request, long started) {
        if (admission.refusal().isPresent()) {
            return admission.refusal().get();
        }
        if (admission.builtIn().isPresent()) {
            return builtIn(admission.builtIn().get(), caller, request, started);
        }
        String name = admission.line().name();
        AgentCommand command = admission.command().orElseThrow();
        request.setArguments(admission.line().arguments());
        if (command instanceof StreamingCommand streaming && request instanceof StreamingCommand.StreamOutput output) {
            return stream(streaming, admission.line(), request, output, started);
        }
        try {
            int exitCode = command.execute(request);
            return new Outcome(ResultStatus.OK, exitCode, elapsedMillis(started), "");
        } catch (IllegalArgumentException e) {
            return new Outcome(ResultStatus.FAILED, 2, elapsedMillis(started), label(name) + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(ResultStatus.CANCELLED, -1, elapsedMillis(started), "cancelled");
        } catch (Exception e) {
            if (request.isCancelled()) {
                return new Outcome(ResultStatus.CANCELLED, -1, elapsedMillis(started), "cancelled");
            }
            LOG.log(System.Logger.Level.WARNING, "command '" + name + "' failed", e);
            return new Outcome(ResultStatus.FAILED, 1, elapsedMillis(started), label(name) + "failed: " + e);
        }
    }

    /**
     * Opens a stream that runs until the request is stopped (cancel, closed connection): no timeout,
     * no worker held, one ending (and so one audit line, with the whole duration) at its end. Only a
     * port whose requests take a stream's output (the framed one, whose clients can cancel) gets one;
     * elsewhere the command refuses in its own words.
     */
    private static Outcome stream(StreamingCommand command, CommandLine line, DispatchedRequest request,
            StreamingCommand.StreamOutput output, long started) {
        StreamingCommand.Subscription subscription;
        try {
            subscription = command.open(line.arguments(), output);
        } catch (IllegalArgumentException e) {
            return new Outcome(ResultStatus.FAILED, 2, elapsedMillis(started), label(line.name()) + e.getMessage());
        }
        request.streamUntilStopped(() -> {
            subscription.close();
            request.finish(new Outcome(ResultStatus.CANCELLED, -1, elapsedMillis(started), "cancelled"));
        });
        return null;
    }

    private Outcome builtIn(BuiltIn builtIn, Caller caller, DispatchedRequest request, long started) {
        switch (builtIn) {
            case HELP -> request.stdout(commands.helpText(caller.roles(), caller::offers));
            case DISCONNECT -> {
                request.stdout("disconnecting");
                request.afterFinish(caller::disconnect);
            }
            case RESET -> {
                request.stdout("resetting: every client is disconnected, the agent listens again in a moment");
                request.afterFinish(() -> timers.execute(control::reset)); // off the event loop: reset closes it down
            }
            case KILL -> {
                request.stdout("stopping the agent");
                request.afterFinish(() -> timers.execute(control::kill));
            }
        }
        return new Outcome(ResultStatus.OK, 0, elapsedMillis(started), "");
    }

    /** "ping: " for a word, "sh: " for a prefix that ends with its colon already. */
    private static String label(String commandName) {
        return commandName.endsWith(":") ? commandName + " " : commandName + ": ";
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
