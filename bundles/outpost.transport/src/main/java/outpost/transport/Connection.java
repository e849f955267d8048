package outpost.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
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

    boolean isOpen();

    InetSocketAddress remoteAddress();

    /** The certificate the peer presented, for TLS connections to a server. */
    Optional<X509Certificate> peerCertificate();

    /** Sends the report (a fatal one, id 0), then closes; the handler hears the report's reason. */
    void close(ErrorReport reason);

    /** Closes the connection; the handler hears {@link MessageHandler#closed} once. Idempotent. */
    @Override
    void close();
}
