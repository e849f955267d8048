package outpost.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

/** Turns low-level connect errors into sentences that tell a user what happened. */
public final class ConnectFailures {

    private ConnectFailures() {
    }

    public static String describe(String host, int port, IOException error) {
        String where = host + ":" + port;
        if (error instanceof UnknownHostException) {
            return "Unknown host '" + host + "': the name does not resolve to an address.";
        }
        if (error instanceof ConnectException) {
            return "Connection refused by " + where + ": no Outpost agent is listening there.";
        }
        if (error instanceof SocketTimeoutException) {
            return "Timed out connecting to " + where + ": the host does not answer (down, or a firewall drops the packets).";
        }
        if (error instanceof SSLHandshakeException) {
            return error.getMessage(); // the certificate check's own explanation
        }
        if (error instanceof NoRouteToHostException) {
            return "No route to " + where + ".";
        }
        return "Cannot connect to " + where + ": " + error.getMessage();
    }
}
