package outpost.transport.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.FrameCodec;
import outpost.protocol.Message;
import outpost.transport.Connection;
import outpost.transport.ConnectionAcceptor;
import outpost.transport.Limits;
import outpost.transport.MessageHandler;
import outpost.transport.TlsEngine;
import outpost.transport.TlsEngines;
import outpost.transport.TlsIdentity;

/**
 * How a listener serves each connection, whether it arrived on a socket or through a tunnel: server
 * TLS, frames, the connection limit and the acceptor. One place, so a tunnelled connection cannot be
 * served any differently from a direct one.
 */
final class ServingPipeline {

    private final ServerTls tls;
    private final Limits limits;
    private final FrameCodec codec;
    private final int maxConnections;
    private final ConnectionAcceptor acceptor;
    private final AtomicInteger open = new AtomicInteger();

    private ServingPipeline(ServerTls tls, Limits limits, int maxConnections, ConnectionAcceptor acceptor) {
        this.tls = tls;
        this.limits = limits;
        this.codec = new FrameCodec(limits.maxFrameBytes());
        this.maxConnections = maxConnections;
        this.acceptor = acceptor;
    }

    /** @param identity the server's key and certificate; empty for no TLS */
    static ServingPipeline create(Optional<TlsIdentity> identity, TlsEngine engine, Limits limits, int maxConnections,
            ConnectionAcceptor acceptor) throws IOException {
        ServerTls tls = identity.isPresent()
                ? ServerTls.create(identity.get(), NettyTransport.TLS_PROTOCOLS, TlsEngines.select(engine))
                : null;
        return new ServingPipeline(tls, limits, maxConnections, acceptor);
    }

    Limits limits() {
        return limits;
    }

    /**
     * Sets up a newly accepted channel: its pipeline, and either the acceptor's handler or, beyond the
     * connection limit, a polite refusal.
     *
     * @param tunnelPeer who is at the far end of a tunnelled channel; null for a socket
     */
    void serve(Channel channel, String tunnelPeer) {
        NettyConnection connection = new NettyConnection(channel, limits.maxQueuedBytes(), tunnelPeer);
        if (tls != null) {
            SslHandler tlsHandler = tls.newHandler(channel);
            channel.pipeline().addLast(tlsHandler);
            TlsFailureProbe.addBehind(channel.pipeline(), tlsHandler);
        }
        NettyTransport.addFraming(channel.pipeline(), codec, limits, connection);
        if (open.incrementAndGet() > maxConnections) {
            connection.setHandler(new RefusedConnection());
            connection.refuseWhenActive(ErrorReport.fatal(ErrorCode.TOO_MANY_CONNECTIONS,
                    "the agent serves " + maxConnections + " connections already; try again later"));
        } else {
            connection.setHandler(acceptor.accepted(connection));
        }
        channel.closeFuture().addListener(future -> open.decrementAndGet());
    }

    /** Connections served and still open (refused ones count until they are closed). */
    int openConnections() {
        return open.get();
    }

    /** Handler of a connection refused for the connection limit: it only waits for the close. */
    private static final class RefusedConnection implements MessageHandler {
        @Override
        public void received(Connection connection, Message message) {
            // refused: nothing is served
        }

        @Override
        public void closed(Connection connection, Throwable cause) {
            // nothing to release
        }
    }
}
