package outpost.explorer.ui.internal.live;

import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import outpost.protocol.ErrorCode;
import outpost.transport.PeerError;

/** Sorts a failed connect into the status it shows, from the causes the client reports. */
final class ConnectFailure {

    private ConnectFailure() {
    }

    static LiveStatus statusOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PeerError peer && peer.report() != null
                    && (peer.report().code() == ErrorCode.AUTH_FAILED || peer.report().code() == ErrorCode.AUTH_THROTTLED)) {
                return LiveStatus.AUTH_FAILED;
            }
            // The transport turns the pinning check's refusal into an SSLHandshakeException.
            if (cause instanceof CertificateException || cause instanceof SSLHandshakeException) {
                return LiveStatus.CERTIFICATE_NOT_TRUSTED;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return LiveStatus.OFFLINE;
    }
}
