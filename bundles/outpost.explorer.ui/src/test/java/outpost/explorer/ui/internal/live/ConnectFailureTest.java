package outpost.explorer.ui.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.transport.PeerError;

class ConnectFailureTest {

    @Test
    void aRefusedTokenIsAnAuthFailure() {
        IOException failure = new IOException("The agent at h:1 refused the token.",
                new PeerError(ErrorReport.fatal(ErrorCode.AUTH_FAILED, "bad token")));
        assertEquals(LiveStatus.AUTH_FAILED, ConnectFailure.statusOf(failure));
        assertEquals(LiveStatus.AUTH_FAILED, ConnectFailure.statusOf(
                new IOException("x", new PeerError(ErrorReport.fatal(ErrorCode.AUTH_THROTTLED, "later")))));
    }

    @Test
    void aRefusedCertificateIsNotTrusted() {
        IOException failure = new IOException("The agent at h:1 is not known yet.",
                new SSLHandshakeException("The agent at h:1 is not known yet."));
        assertEquals(LiveStatus.CERTIFICATE_NOT_TRUSTED, ConnectFailure.statusOf(failure));
    }

    @Test
    void everythingElseIsOffline() {
        assertEquals(LiveStatus.OFFLINE, ConnectFailure.statusOf(new IOException("refused", new ConnectException("refused"))));
        assertEquals(LiveStatus.OFFLINE, ConnectFailure.statusOf(
                new IOException("x", new PeerError(ErrorReport.fatal(ErrorCode.UNSUPPORTED_VERSION, "old")))));
    }
}
