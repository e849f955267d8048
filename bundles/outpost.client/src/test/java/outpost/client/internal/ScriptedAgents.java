package outpost.client.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Request;
import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.ConnectionAcceptor;
import outpost.transport.Listener;
import outpost.transport.ListenerSettings;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;
import outpost.transport.TunnelListener;
import outpost.transport.TunnelListenerSettings;
import outpost.transport.TunnelOpener;

/** An in-memory agent for sessions under test: greets, accepts or refuses the token as scripted, records requests. */
final class ScriptedAgents {

    private ScriptedAgents() {
    }

    static final class ScriptedAgent implements Transport {
        Hello greeting = Hello.current("1.0", "web-01", List.of());
        IOException connectError;
        IOException dieOnConnect;
        Consumer<ScriptedConnection> onAuth = connection -> connection.deliver(new AuthOk("viewer", List.of("read")));
        ScriptedConnection connection;
        ConnectSettings lastSettings;
        /** The certificate presented to a TLS session's check, as the real transport's handshake does. */
        java.security.cert.X509Certificate certificate;

        @Override
        public Listener listen(ListenerSettings settings, ConnectionAcceptor acceptor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TunnelListener listenTunnels(TunnelListenerSettings settings, ConnectionAcceptor acceptor) {
            throw new UnsupportedOperationException("not scripted");
        }

        @Override
        public Connection connectTunnel(ConnectSettings settings, TunnelOpener opener, MessageHandler handler) {
            throw new UnsupportedOperationException("not scripted");
        }

        @Override
        public Connection connect(ConnectSettings settings, MessageHandler handler) throws IOException {
            lastSettings = settings;
            if (connectError != null) {
                throw connectError;
            }
            if (settings.tls().isPresent()) {
                try {
                    settings.tls().get().check(settings.host(), settings.port(), certificate);
                } catch (java.security.cert.CertificateException refused) {
                    throw new javax.net.ssl.SSLHandshakeException(refused.getMessage());
                }
            }
            connection = new ScriptedConnection(handler, this);
            if (greeting != null) {
                connection.deliver(greeting);
            }
            if (dieOnConnect != null) {
                connection.die(dieOnConnect);
            }
            return connection;
        }
    }

    static final class ScriptedConnection implements Connection {
        final MessageHandler handler;
        final ScriptedAgent agent;
        final List<Request> requests = new ArrayList<>();
        final List<Message> others = new ArrayList<>();
        volatile String authToken;
        volatile boolean closed;

        ScriptedConnection(MessageHandler handler, ScriptedAgent agent) {
            this.handler = handler;
            this.agent = agent;
        }

        void deliver(Message message) {
            handler.received(this, message);
        }

        void die(Throwable cause) {
            closed = true;
            handler.closed(this, cause);
        }

        @Override
        public void send(Message message) {
            if (message instanceof Auth auth) {
                authToken = auth.token();
                agent.onAuth.accept(this);
            } else if (message instanceof Request request) {
                requests.add(request);
            } else {
                others.add(message);
            }
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public boolean awaitWritable(java.time.Duration timeout) {
            return true;
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public java.util.concurrent.CompletableFuture<java.time.Duration> roundTrip() {
            return java.util.concurrent.CompletableFuture.completedFuture(java.time.Duration.ofNanos(250_000));
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return InetSocketAddress.createUnresolved("web-01", 5005);
        }

        @Override
        public String peerName() {
            return "web-01:5005";
        }

        @Override
        public Optional<X509Certificate> peerCertificate() {
            return Optional.empty();
        }

        @Override
        public void close(ErrorReport reason) {
            others.add(reason);
            close();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                handler.closed(this, null);
            }
        }
    }
}
