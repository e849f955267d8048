package outpost.broker.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for the MQTT link that turn Nagle's algorithm off, which Paho never does: a
 * session's small TLS records otherwise wait for the peer's delayed ACK, and one command through the
 * broker took 45 ms instead of 1 ms (docs/BENCHMARKS.md, "MQTT client library: Paho or HiveMQ").
 */
public final class NoDelaySockets {

    private NoDelaySockets() {
    }

    /** For {@code ssl://} brokers: Paho requires an SSLSocketFactory there. */
    public static SSLSocketFactory tls(SSLSocketFactory delegate) {
        return new SSLSocketFactory() {
            @Override
            public String[] getDefaultCipherSuites() {
                return delegate.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return delegate.getSupportedCipherSuites();
            }

            @Override
            public Socket createSocket() throws IOException {
                return noDelay(delegate.createSocket());
            }

            @Override
            public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
                return noDelay(delegate.createSocket(socket, host, port, autoClose));
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return noDelay(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return noDelay(delegate.createSocket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return noDelay(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return noDelay(delegate.createSocket(address, port, localAddress, localPort));
            }
        };
    }

    /** For {@code tcp://} brokers. */
    public static SocketFactory plain() {
        SocketFactory delegate = SocketFactory.getDefault();
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return noDelay(delegate.createSocket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return noDelay(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return noDelay(delegate.createSocket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return noDelay(delegate.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return noDelay(delegate.createSocket(address, port, localAddress, localPort));
            }
        };
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
