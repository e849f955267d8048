package outpost.agent.internal.authentication;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import outpost.agent.internal.audit.AuditLog;
import outpost.protocol.Auth;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.ProtocolVersion;
import outpost.transport.Connection;

/**
 * Decides a client's AUTH: a compatible protocol version, no lockout for its address after failed
 * attempts, a known token. Failures are counted per address and written to the audit log.
 */
public final class Authentication {

    private static final System.Logger LOG = System.getLogger(Authentication.class.getName());

    private final TokenStore tokens;
    private final AuthThrottle throttle;
    private final AuditLog audit;

    public Authentication(TokenStore tokens, AuthThrottle throttle, AuditLog audit) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Either the grant of the token presented, or the fatal error that ends the connection. */
    public record Verdict(Optional<TokenStore.Grant> grant, Optional<ErrorReport> refusal) {
        static Verdict granted(TokenStore.Grant grant) {
            return new Verdict(Optional.of(grant), Optional.empty());
        }

        static Verdict refused(ErrorCode code, String message) {
            return new Verdict(Optional.empty(), Optional.of(ErrorReport.fatal(code, message)));
        }
    }

    public Verdict check(Auth auth, Connection connection) {
        String from = connection.peerName();
        if (!ProtocolVersion.isCompatible(auth.protocolMajor())) {
            String text = "this agent speaks protocol " + ProtocolVersion.text() + ", the client " + auth.protocolMajor()
                    + "." + auth.protocolMinor() + ": update the older side";
            LOG.log(System.Logger.Level.WARNING, from + ": " + text);
            return Verdict.refused(ErrorCode.UNSUPPORTED_VERSION, text);
        }
        String peer = throttled(connection.remoteAddress(), from);
        Duration lockout = throttle.lockout(peer);
        if (!lockout.isZero()) {
            return Verdict.refused(ErrorCode.AUTH_THROTTLED, "too many failed attempts from " + peer
                    + "; try again in " + Math.max(1, lockout.toSeconds()) + " s");
        }
        Optional<TokenStore.Grant> match = tokens.authenticate(auth.token());
        if (match.isEmpty()) {
            int failures = throttle.failed(peer);
            audit.authenticationFailed(from);
            LOG.log(System.Logger.Level.WARNING, "authentication failed from " + peer + " (" + failures
                    + " in a row)");
            return Verdict.refused(ErrorCode.AUTH_FAILED, "unknown token");
        }
        throttle.succeeded(peer);
        LOG.log(System.Logger.Level.INFO, from + " authenticated as '" + match.get().name() + "'");
        return Verdict.granted(match.get());
    }

    /**
     * Whose failures count together: a socket's IP address (its ports are the same guesser), or a
     * tunnelled connection's peer name (the broker client id, which the broker vouches for).
     */
    private static String throttled(InetSocketAddress address, String peerName) {
        return address.isUnresolved() || address.getAddress() == null ? peerName : address.getAddress().getHostAddress();
    }
}
