package outpost.broker;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import outpost.protocol.Message;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Fingerprints;
import outpost.transport.Limits;
import outpost.transport.MessageHandler;
import outpost.transport.PeerError;

/** Sessions a test console opens through the broker, as the console does: TLS pinned to a fingerprint. */
final class PinnedSessions {

    private PinnedSessions() {
    }

    /**
     * Opens a session to {@code agentId}; each message that arrives goes to {@code received}, and so does
     * the fatal ERROR the transport ends a connection with.
     */
    static Connection open(BrokerClient console, String agentId, String pinned, BlockingQueue<Message> received)
            throws IOException {
        return open(console, agentId, pinned, received, Limits.DEFAULT);
    }

    /** As {@link #open(BrokerClient, String, String, BlockingQueue)}, with these limits (a longer idle timeout, say). */
    static Connection open(BrokerClient console, String agentId, String pinned, BlockingQueue<Message> received, Limits limits)
            throws IOException {
        return console.open(agentId, new ConnectSettings(agentId, 0, Duration.ofSeconds(20), Optional.of((host, port, certificate) -> {
            if (!Fingerprints.sha256(certificate).equals(pinned)) {
                throw new CertificateException("not the pinned certificate");
            }
        }), limits), new MessageHandler() {
            @Override
            public void received(Connection connection, Message message) {
                received.add(message);
            }

            @Override
            public void closed(Connection connection, Throwable cause) {
                if (cause instanceof PeerError fatal) {
                    received.add(fatal.report());
                }
            }
        });
    }

    /** The next message of a session, waiting at most 20 s for it. */
    static Message next(BlockingQueue<Message> received) throws InterruptedException {
        Message message = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(message, "nothing within 20 s");
        return message;
    }

    /** Sends from a handler, where a failure is the test's. */
    static void send(Connection connection, Message message) {
        try {
            connection.send(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
