package outpost.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import outpost.agent.Agent;
import outpost.agent.AgentCommand;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Reply;
import outpost.protocol.ReplyStatus;
import outpost.protocol.Request;
import outpost.transport.Connection;
import outpost.transport.Listener;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;

/**
 * The agent: greets each client with a {@link Hello}, runs its requests on a worker pool so a slow
 * command never stalls the connection, and answers each with a {@link Reply}.
 */
@Component(service = Agent.class)
public final class AgentServer implements Agent {

    private static final System.Logger LOG = System.getLogger(AgentServer.class.getName());

    private final Transport transport;
    private final CommandRegistry commands = new CommandRegistry();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final Hello hello;
    private volatile Listener listener;

    @Activate
    public AgentServer(@Reference Transport transport, @Reference SystemMetrics metrics) {
        this.transport = transport;
        this.hello = Hello.current(AgentVersion.current(), metrics.hostName());
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "outpost-agent-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(AgentCommand command) {
        commands.add(command);
    }

    void removeCommand(AgentCommand command) {
        commands.remove(command);
    }

    @Deactivate
    void deactivate() {
        stop();
        workers.shutdownNow();
    }

    @Override
    public synchronized InetSocketAddress start(InetSocketAddress bindAddress) throws IOException {
        if (listener != null) {
            throw new IllegalStateException("agent already listening on " + listener.localAddress());
        }
        listener = transport.listen(bindAddress, this::accept);
        return listener.localAddress();
    }

    @Override
    public synchronized void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        connections.forEach(Connection::close);
        connections.clear();
    }

    @Override
    public Optional<InetSocketAddress> address() {
        Listener current = listener;
        return current == null ? Optional.empty() : Optional.of(current.localAddress());
    }

    private MessageHandler accept(Connection connection) {
        connections.add(connection);
        try {
            connection.send(hello);
        } catch (IOException e) {
            connection.close();
        }
        return new MessageHandler() {
            @Override
            public void received(Connection from, Message message) {
                if (message instanceof Request request) {
                    submit(from, request);
                } else {
                    LOG.log(System.Logger.Level.WARNING, "closing " + from.remoteAddress() + ": unexpected "
                            + message.type() + " from a client");
                    from.close();
                }
            }

            @Override
            public void closed(Connection from, Throwable cause) {
                connections.remove(from);
                if (cause != null) {
                    LOG.log(System.Logger.Level.INFO, "connection from " + from.remoteAddress() + " ended: " + cause);
                }
            }
        };
    }

    private void submit(Connection connection, Request request) {
        try {
            workers.execute(() -> answer(connection, request));
        } catch (RejectedExecutionException e) {
            connection.close(); // the agent is shutting down
        }
    }

    private void answer(Connection connection, Request request) {
        Reply reply = run(request);
        try {
            connection.send(reply);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "reply to a closed connection dropped: " + e.getMessage());
        }
    }

    Reply run(Request request) {
        CommandLine line = CommandLine.parse(request.command());
        if (line.name().equals("help")) {
            return new Reply(request.id(), ReplyStatus.OK, commands.helpText());
        }
        Optional<AgentCommand> command = commands.find(line.name());
        if (command.isEmpty()) {
            return new Reply(request.id(), ReplyStatus.UNKNOWN_COMMAND,
                    "unknown command '" + line.name() + "', try help");
        }
        try {
            return new Reply(request.id(), ReplyStatus.OK, command.get().execute(line.arguments()));
        } catch (IllegalArgumentException e) {
            return new Reply(request.id(), ReplyStatus.FAILED, line.name() + ": " + e.getMessage());
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "command '" + line.name() + "' failed", e);
            return new Reply(request.id(), ReplyStatus.FAILED, line.name() + " failed: " + e);
        }
    }
}
