package outpost.agent.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import outpost.agent.AgentCommand;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.protocol.Role;

/**
 * One plain-text client: a request in (a line, or an original client's bare command), an answer out,
 * one request at a time (reading pauses while a command runs). Only read-role commands the configuration offers; no shell, no session control,
 * because this port has no authentication. Every request goes to the audit log as token
 * {@value #TOKEN_NAME}.
 */
final class PlainTextSession extends SimpleChannelInboundHandler<PlainTextRequestDecoder.Request> {

    static final String TOKEN_NAME = "plain-text";

    private static final System.Logger LOG = System.getLogger(PlainTextSession.class.getName());

    private final PlainTextServices services;
    private final Instant connectedSince = Instant.now();
    private volatile InetSocketAddress peer;
    private volatile boolean busy;
    private boolean refused;
    /** Requests already read but not yet answered (a client may send several at once); event loop only. */
    private final java.util.ArrayDeque<PlainTextRequestDecoder.Request> pending = new java.util.ArrayDeque<>();
    private volatile Future<?> running;

    PlainTextSession(PlainTextServices services) {
        this.services = services;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        peer = (InetSocketAddress) context.channel().remoteAddress();
        services.sessions().add(this);
        int max = services.settings().maxConnections();
        if (services.sessions().size() > max) {
            refused = true;
            context.writeAndFlush("error: this port serves at most " + max + " clients at once; try again later\n"
                    + PlainTextOutput.END).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        services.sessions().remove(this);
        Future<?> work = running;
        if (work != null) {
            work.cancel(true);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, PlainTextRequestDecoder.Request request) {
        if (refused) {
            return; // told to come back later, and being closed
        }
        pending.add(request);
        if (!busy) {
            next(context);
        }
    }

    /** One request at a time, answered in order; reading pauses while one runs. */
    private void next(ChannelHandlerContext context) {
        PlainTextRequestDecoder.Request request = pending.poll();
        if (request == null) {
            context.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        context.channel().config().setAutoRead(false);
        answer(context, request.line().strip(), request.bare());
    }

    private void answer(ChannelHandlerContext context, String line, boolean bare) {
        long started = System.nanoTime();
        CommandLine parsed = CommandLine.parse(line);
        String name = parsed.name();
        Optional<BuiltIn> builtIn = BuiltIn.of(name);
        Optional<AgentCommand> command = services.commands().find(name);
        PlainTextOutput output = new PlainTextOutput(context.channel(), parsed.arguments(),
                services.requestTimeout(), services.outputCap(), bare);
        if (line.isEmpty()) {
            done(context, line, output, ResultStatus.FAILED, 2, started, "empty line; try help");
        } else if (builtIn.isPresent() && builtIn.get().role() != Role.READ) {
            done(context, line, output, ResultStatus.FORBIDDEN, 0, started, "'" + name + "' needs the "
                    + builtIn.get().role().wireName() + " role; this port has no authentication, so it never offers it");
        } else if (builtIn.orElse(null) == BuiltIn.HELP) {
            output.stdout(services.commands().helpText(Set.of(Role.READ), this::offered));
            done(context, line, output, ResultStatus.OK, 0, started, "");
        } else if (builtIn.orElse(null) == BuiltIn.DISCONNECT) {
            output.stdout("disconnecting");
            done(context, line, output, ResultStatus.OK, 0, started, "");
            context.close();
        } else if (name.endsWith(":") || command.map(c -> c.requiredRole() == Role.EXECUTE).orElse(false)) {
            done(context, line, output, ResultStatus.FORBIDDEN, 0, started, "shell commands never run for this port,"
                    + " which has no authentication; use outpost-cli or the console with a token that has the execute role");
        } else if (command.isEmpty()) {
            done(context, line, output, ResultStatus.UNKNOWN_COMMAND, 0, started, "unknown command '" + name
                    + "', try help");
        } else if (command.get().requiredRole() != Role.READ) {
            done(context, line, output, ResultStatus.FORBIDDEN, 0, started, "'" + name + "' needs the "
                    + command.get().requiredRole().wireName() + " role; this port has no authentication");
        } else if (!offered(command.get().name())) {
            done(context, line, output, ResultStatus.FORBIDDEN, 0, started, "'" + name
                    + "' is not offered on this port (its configuration narrows the list; see help)");
        } else {
            run(context, line, command.get(), output, started);
        }
    }

    private boolean offered(String commandName) {
        return services.settings().offers(commandName);
    }

    private void run(ChannelHandlerContext context, String line, AgentCommand command, PlainTextOutput output,
            long started) {
        Duration timeout = services.requestTimeout();
        try {
            running = services.workers().submit(() -> {
                ScheduledFuture<?> deadline = services.timers().schedule(() -> {
                    output.cancel();
                    Future<?> work = running;
                    if (work != null) {
                        work.cancel(true);
                    }
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
                Outcome outcome = execute(command, output, timeout);
                deadline.cancel(false);
                running = null; // before done(): it lets the next line in
                done(context, line, output, outcome.status(), outcome.exit(), started, outcome.error());
            });
        } catch (RejectedExecutionException e) {
            done(context, line, output, ResultStatus.FAILED, 1, started, "the agent is stopping");
        }
    }

    private record Outcome(ResultStatus status, int exit, String error) {
    }

    private static Outcome execute(AgentCommand command, PlainTextOutput output, Duration timeout) {
        Outcome timedOut = new Outcome(ResultStatus.TIMED_OUT, -1, "timed out after " + timeout.toSeconds() + " s");
        try {
            int exit = command.execute(output);
            return output.isCancelled() ? timedOut : new Outcome(ResultStatus.OK, exit, "");
        } catch (IllegalArgumentException e) {
            return new Outcome(ResultStatus.FAILED, 2, command.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return timedOut;
        } catch (Exception e) {
            if (output.isCancelled()) {
                return timedOut;
            }
            LOG.log(System.Logger.Level.WARNING, "command '" + command.name() + "' failed", e);
            return new Outcome(ResultStatus.FAILED, 1, command.name() + " failed: " + e);
        }
    }

    /** Sends the end of the answer, records it, and reads the next line. */
    private void done(ChannelHandlerContext context, String line, PlainTextOutput output, ResultStatus status, int exit,
            long started, String error) {
        output.end(error);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        services.audit().record(peerText(), TOKEN_NAME, line, new Result(0, status, exit, millis, output.truncated(), error));
        context.executor().execute(() -> {
            busy = false;
            next(context);
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof IdleStateEvent && !busy) {
            context.writeAndFlush("error: nothing received for " + services.settings().idleTimeout().toSeconds()
                    + " s; closing\n" + PlainTextOutput.END).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            String error = "line longer than " + services.settings().maxLineLength() + " characters; closing";
            services.audit().record(peerText(), TOKEN_NAME, "(too long a line)", Result.of(0, ResultStatus.FAILED, error));
            context.writeAndFlush("error: " + error + "\n" + PlainTextOutput.END).addListener(ChannelFutureListener.CLOSE);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "plain-text client " + peerText() + " dropped: " + cause);
            context.close();
        }
    }

    AgentRuntime.Client describe() {
        return new AgentRuntime.Client(peer, Optional.of(TOKEN_NAME), Set.of(), running == null ? 0 : 1, connectedSince,
                TOKEN_NAME);
    }

    private String peerText() {
        InetSocketAddress address = peer;
        return address == null ? "?" : address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
