package outpost.agent.internal.plaintext;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Set;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import outpost.agent.AgentCommand;
import outpost.agent.internal.AgentRuntime;
import outpost.agent.internal.dispatch.Admission;
import outpost.agent.internal.dispatch.Caller;
import outpost.agent.internal.dispatch.CommandLine;
import outpost.agent.internal.dispatch.Outcome;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.protocol.Role;

/**
 * One plain-text client: a request in (a line, or an original client's bare command), an answer
 * out, one request at a time, in order. Quick commands are answered on the event loop as the line
 * arrives; while a command runs on a worker, reading pauses. Only read-role commands the
 * configuration offers; no shell, no session control, because this port has no authentication.
 * Every request goes to the audit log as token {@value #TOKEN_NAME}.
 */
public final class PlainTextSession extends SimpleChannelInboundHandler<PlainTextRequestDecoder.Request> implements Caller {

    public static final String TOKEN_NAME = "plain-text";

    private static final System.Logger LOG = System.getLogger(PlainTextSession.class.getName());
    private static final Set<Role> ROLES = Set.of(Role.READ);

    private final PlainTextServices services;
    private final Instant connectedSince = Instant.now();
    private volatile InetSocketAddress peer;
    private volatile ChannelHandlerContext context;
    private volatile PlainTextRequest running;
    // event loop only:
    private boolean busy;
    private boolean answering;
    private boolean refused;
    /** Requests already read but not yet answered (a client may send several at once). */
    private final ArrayDeque<PlainTextRequestDecoder.Request> pending = new ArrayDeque<>();

    PlainTextSession(PlainTextServices services) {
        this.services = services;
    }

    @Override
    public void channelActive(ChannelHandlerContext channelContext) {
        context = channelContext;
        peer = channelContext.channel().remoteAddress() instanceof InetSocketAddress address ? address : null;
        services.sessions().add(this);
        int max = services.settings().maxConnections();
        if (services.sessions().size() > max) {
            refused = true;
            channelContext.writeAndFlush("error: this port serves at most " + max + " clients at once; try again later\n"
                    + PlainTextRequest.END).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext channelContext) {
        services.sessions().remove(this);
        PlainTextRequest request = running;
        if (request != null) {
            request.stop(ResultStatus.CANCELLED);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext channelContext, PlainTextRequestDecoder.Request request) {
        if (refused) {
            return; // told to come back later, and being closed
        }
        pending.add(request);
        next();
    }

    /**
     * Answers the requests read so far, in order: on the event loop until one goes to a worker,
     * which pauses reading until it is answered.
     */
    private void next() {
        if (answering) {
            return; // called from an answer made inside the loop below, which goes on by itself
        }
        answering = true;
        try {
            while (!busy && context.channel().isActive()) {
                PlainTextRequestDecoder.Request request = pending.poll();
                if (request == null) {
                    setReading(true);
                    return;
                }
                busy = true;
                answer(request.line().strip(), request.bare());
            }
            if (busy) {
                setReading(false);
            }
        } finally {
            answering = false;
        }
    }

    private void setReading(boolean read) {
        if (context.channel().config().isAutoRead() != read) {
            context.channel().config().setAutoRead(read);
        }
    }

    private void answer(String line, boolean bare) {
        Admission admission = services.dispatcher().admit(line, this);
        PlainTextRequest request = new PlainTextRequest(PlainTextRequest.AnswerChannel.of(context.channel()), services.requestTimeout(), services.outputCap(),
                bare, result -> finished(line, admission, result));
        running = request;
        services.audit().expect();
        if (!services.dispatcher().dispatch(admission, this, request)) {
            request.finish(Outcome.refused(ResultStatus.FAILED, 1, "the agent is stopping"));
        }
    }

    /** Records the answered request and reads the next one, on the event loop. */
    private void finished(String line, Admission admission, Result result) {
        if (admission.auditedInBatch(result.status())) {
            services.audit().recordBatched(peerText(), TOKEN_NAME, line, result);
        } else {
            services.audit().record(peerText(), TOKEN_NAME, line, result);
        }
        running = null;
        if (context.executor().inEventLoop()) {
            busy = false;
            next();
        } else {
            context.executor().execute(() -> {
                busy = false;
                next();
            });
        }
    }

    @Override
    public Set<Role> roles() {
        return ROLES;
    }

    @Override
    public Optional<Outcome> refusal(CommandLine line, Optional<AgentCommand> command) {
        String name = line.name();
        if (name.isEmpty()) {
            return Optional.of(Outcome.refused(ResultStatus.FAILED, 2, "empty line; try help"));
        }
        if (name.endsWith(":") || command.map(c -> c.requiredRole() == Role.EXECUTE).orElse(false)) {
            return Optional.of(Outcome.refused(ResultStatus.FORBIDDEN, 0, "shell commands never run for this port,"
                    + " which has no authentication; use outpost-cli or the console with a token that has the execute role"));
        }
        if (command.isPresent() && command.get().requiredRole() == Role.READ && !offers(command.get())) {
            return Optional.of(Outcome.refused(ResultStatus.FORBIDDEN, 0, "'" + name
                    + "' is not offered on this port (its configuration narrows the list; see help)"));
        }
        return Optional.empty();
    }

    @Override
    public String lacks(String commandName, Role role) {
        return "'" + commandName + "' needs the " + role.wireName()
                + " role; this port has no authentication, so it never offers it";
    }

    @Override
    public boolean offers(AgentCommand command) {
        return services.settings().offers(command.name());
    }

    @Override
    public void disconnect() {
        context.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext channelContext, Object event) {
        if (event instanceof IdleStateEvent && !busy) {
            channelContext.writeAndFlush("error: nothing received for " + services.settings().idleTimeout().toSeconds()
                    + " s; closing\n" + PlainTextRequest.END).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext channelContext, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            String error = "line longer than " + services.settings().maxLineLength() + " characters; closing";
            services.audit().record(peerText(), TOKEN_NAME, "(too long a line)", Result.of(0, ResultStatus.FAILED, error));
            channelContext.writeAndFlush("error: " + error + "\n" + PlainTextRequest.END)
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "plain-text client " + peerText() + " dropped: " + cause);
            channelContext.close();
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
