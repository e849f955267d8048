package outpost.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import outpost.client.AgentRoute;
import outpost.client.ConnectFailures;
import outpost.client.Reachability;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.transport.CertificateCheck;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.Fingerprints;
import outpost.transport.Limits;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;

/**
 * Reaches an address the way a session would, up to the agent's greeting, and hangs up before
 * the token: the certificate is accepted only to be reported (no secret crosses a connection it
 * did not check), and the agent counts no failed login. The connection takes the transport's socket,
 * or a {@link AgentRoute route} such as the broker's.
 */
final class TransportProbe {

    private final AgentRoute direct;

    TransportProbe(Transport transport) {
        this.direct = AgentRoute.direct(transport);
    }

    Reachability probe(String host, int port, boolean tls, Duration timeout) {
        return probe(direct, host, port, tls, timeout);
    }

    static Reachability probe(AgentRoute route, String host, int port, boolean tls, Duration timeout) {
        // set on the handshake's thread, read here once connect returned
        AtomicReference<String> presented = new AtomicReference<>();
        CertificateCheck record = (h, p, certificate) -> presented.set(Fingerprints.sha256(certificate));
        CompletableFuture<Hello> greeting = new CompletableFuture<>();
        MessageHandler handler = new MessageHandler() {
            @Override
            public void received(Connection connection, Message message) {
                if (message instanceof Hello hello) {
                    greeting.complete(hello);
                }
            }

            @Override
            public void closed(Connection connection, Throwable cause) {
                greeting.completeExceptionally(cause != null ? cause : new IOException("closed"));
            }
        };
        Connection connection;
        try {
            connection = route.connect(new ConnectSettings(host, port, timeout,
                    tls ? Optional.of(record) : Optional.empty(), Limits.DEFAULT), handler);
        } catch (IOException e) {
            return Reachability.unreachable(ConnectFailures.describe(host, port, e));
        }
        try {
            greeting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Reachability.reachable(presented.get());
        } catch (TimeoutException | ExecutionException e) {
            return Reachability.unreachable("Something answers at " + host + ":" + port
                    + " but it did not greet as an Outpost agent does" + (tls ? "" : " (is it an agent with TLS?)") + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reachability.unreachable("interrupted while probing " + host + ":" + port);
        } finally {
            connection.close();
        }
    }
}
