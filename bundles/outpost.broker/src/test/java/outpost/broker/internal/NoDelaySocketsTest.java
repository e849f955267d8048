package outpost.broker.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

    @Test
    void theLinksSocketsSendSmallRecordsAtOnce() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        try (Socket tls = NoDelaySockets.tls(context.getSocketFactory()).createSocket();
                Socket plain = NoDelaySockets.plain().createSocket()) {
            assertTrue(tls.getTcpNoDelay(), "the unconnected socket Paho asks for, then connects (ssl://)");
            assertTrue(plain.getTcpNoDelay(), "tcp://");
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket connected = NoDelaySockets.plain().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertTrue(connected.getTcpNoDelay(), "a socket made connected");
        }
    }
}
