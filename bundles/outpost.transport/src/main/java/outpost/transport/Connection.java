package outpost.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;

import outpost.protocol.ErrorReport;
import outpost.protocol.Message;

/** One open, framed, bidirectional connection. Safe for concurrent senders; sending never blocks. */
public interface Connection extends AutoCloseable {

    /**
     * Queues a message. When more than the connection's {@link Limits#maxQueuedBytes()} wait for a
     * peer that does not read, the connection is closed instead (nothing more can reach such a
     * peer, so it gets no report; the local handler hears a {@code SLOW_READER} cause).
     *
     * @throws IOException when the connection is closed
     */
    void send(Message message) throws IOException;

    /** Whether the queue toward the peer is below its high-water mark (producers may pause otherwise). */
    boolean isWritable();

    /**
     * Waits until the queue toward the peer is below its high-water mark, the connection closes, or
     * {@code timeout} passes, and says whether it is writable. A producer that can block (a thread
     * pumping a process's output) calls this so a flood is paced by the reader instead of
     * overrunning {@link Limits#maxQueuedBytes()}. On the connection's own I/O thread it cannot wait
     * (the writes it would wait for happen there) and answers at once.
     */
    boolean awaitWritable(Duration timeout) throws InterruptedException;

    boolean isOpen();

    /**
     * Measures the round trip to the peer: sends a {@code PING} and completes with the time until its
     * {@code PONG}. The peer's transport answers it as soon as it reads it, ahead of any request, so
     * this is the network's and the peer's I/O latency, never a command's (and the agent audits
     * nothing). Fails with an IOException when the connection closes first.
     */
    CompletableFuture<Duration> roundTrip();

    /**
     * The peer's socket address; for a tunnelled connection an unresolved address whose host is
     * {@link #peerName()} and whose port is 0.
     */
    InetSocketAddress remoteAddress();

    /**
     * Who the peer is, as audits and logs show it: {@code 127.0.0.1:40312} or {@code [::1]:40312}
     * for a socket, the name given to {@link TunnelListener#accept} for a tunnelled connection.
     */
    String peerName();

    /** The certificate the peer presented, for TLS connections to a server. */
    Optional<X509Certificate> peerCertificate();

    /** Sends the report (a fatal one, id 0), then closes; the handler hears the report's reason. */
    void close(ErrorReport reason);

    /** Closes the connection; the handler hears {@link MessageHandler#closed} once. Idempotent. */
    @Override
    void close();
}
