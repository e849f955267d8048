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

import outpost.client.AgentSession;
import outpost.client.ConnectFailures;
import outpost.client.SessionListener;
import outpost.client.SessionStatus;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.ProtocolException;
import outpost.protocol.ProtocolVersion;
import outpost.protocol.Reply;
import outpost.protocol.Request;
import outpost.transport.Connection;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;

/** A session over one transport connection; requests are matched to replies by id. */
final class TransportAgentSession implements AgentSession {

    private final Transport transport;
    private final String host;
    private final int port;
    private final Duration timeout;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private volatile SessionStatus status = SessionStatus.DISCONNECTED;
    /** The connection attempt in use; events of earlier attempts are ignored. */
    private volatile Attempt current;
    private volatile CompletableFuture<Hello> greeting;
    private volatile Hello hello;

    TransportAgentSession(Transport transport, String host, int port, Duration timeout) {
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
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
    public void connect() throws IOException {
        synchronized (this) {
            if (status != SessionStatus.DISCONNECTED) {
                throw new IllegalStateException("session to " + host + ":" + port + " is already " + status.label());
            }
            greeting = new CompletableFuture<>();
            setStatus(SessionStatus.CONNECTING, null);
        }
        Attempt attempt = new Attempt();
        current = attempt;
        try {
            attempt.connection = transport.connect(host, port, timeout, attempt);
        } catch (IOException e) {
            current = null;
            String reason = ConnectFailures.describe(host, port, e);
            setStatus(SessionStatus.DISCONNECTED, reason);
            throw new IOException(reason, e);
        }
        Hello received = awaitGreeting();
        hello = received;
        setStatus(SessionStatus.CONNECTED, null);
    }

    private Hello awaitGreeting() throws IOException {
        String failure;
        Throwable cause;
        try {
            Hello received = greeting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (received.isCompatible()) {
                return received;
            }
            failure = "The agent at " + host + ":" + port + " speaks protocol " + received.protocolMajor() + "."
                    + received.protocolMinor() + ", this client speaks " + ProtocolVersion.text()
                    + ": update the older side.";
            cause = null;
        } catch (TimeoutException e) {
            failure = host + ":" + port + " accepted the connection but sent no Outpost greeting within "
                    + timeout.toSeconds() + " s: is it an Outpost agent?";
            cause = e;
        } catch (ExecutionException e) {
            failure = "The connection to " + host + ":" + port + " ended during the greeting: " + e.getCause().getMessage();
            cause = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "Interrupted while connecting to " + host + ":" + port;
            cause = e;
        }
        disconnect(failure);
        throw new ProtocolException(failure, cause);
    }

    @Override
    public CompletableFuture<Reply> send(String commandLine) {
        Attempt attempt = current;
        if (status != SessionStatus.CONNECTED || attempt == null || attempt.connection == null) {
            throw new IllegalStateException("not connected to " + host + ":" + port);
        }
        int id = nextId.incrementAndGet();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            attempt.connection.send(new Request(id, commandLine));
        } catch (IOException e) {
            pending.remove(id);
            reply.completeExceptionally(e);
        }
        return reply;
    }

    private void received(Message message) {
        if (message instanceof Hello received) {
            greeting.complete(received);
        } else if (message instanceof Reply reply) {
            CompletableFuture<Reply> waiting = pending.remove(reply.id());
            if (waiting != null) {
                waiting.complete(reply);
            }
        }
    }

    private void lost(Throwable cause) {
        current = null;
        String reason = cause == null ? "The agent at " + host + ":" + port + " closed the connection."
                : "Lost the connection to " + host + ":" + port + ": " + cause.getMessage();
        CompletableFuture<Hello> waitingGreeting = greeting;
        if (waitingGreeting != null) {
            waitingGreeting.completeExceptionally(new IOException(reason));
        }
        failPending(reason);
        if (status != SessionStatus.DISCONNECTED) {
            setStatus(SessionStatus.DISCONNECTED, reason);
        }
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
        pending.forEach((id, future) -> future.completeExceptionally(new IOException(reason)));
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
        volatile Connection connection;

        @Override
        public void received(Connection from, Message message) {
            if (current == this) {
                TransportAgentSession.this.received(message);
            }
        }

        @Override
        public void closed(Connection from, Throwable cause) {
            if (current == this) {
                lost(cause);
            }
        }
    }
}
