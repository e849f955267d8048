package outpost.client;

import java.io.IOException;

import outpost.transport.ConnectSettings;
import outpost.transport.Connection;
import outpost.transport.MessageHandler;
import outpost.transport.Transport;

/**
 * How a session's connection reaches its agent: {@link #direct directly} over the transport (the
 * default), or through a message broker (docs/BROKER.md). Only the connection differs: the session
 * over it (greeting, token, roles, certificate pinning, commands, keepalive) is the same, so a route
 * is given the session's {@link ConnectSettings} with its certificate check and must complete the TLS
 * handshake, including that check, before it returns, as {@link Transport#connect} does.
 */
@FunctionalInterface
public interface AgentRoute {

    /**
     * Opens the connection and, with TLS, completes the handshake. Blocks: never call it on a UI
     * thread.
     */
    Connection connect(ConnectSettings settings, MessageHandler handler) throws IOException;

    /** A socket to the settings' host and port. */
    static AgentRoute direct(Transport transport) {
        return transport::connect;
    }
}
