package outpost.client.internal;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import outpost.client.PinStore;
import outpost.transport.CertificateCheck;
import outpost.transport.Fingerprints;

/**
 * Trusts an agent's certificate when its fingerprint is the pinned one; an agent never seen
 * before is trusted only when allowed, and remembered once the session is authenticated.
 */
final class FingerprintPinning implements CertificateCheck {

    private final PinStore known;
    private final boolean trustNew;
    private volatile String presented;
    private volatile boolean firstContact;
    private volatile String refusedUnknown;
    /** Pinned and presented fingerprints when a changed certificate was refused. */
    private volatile String[] refusedChanged;

    FingerprintPinning(PinStore known, boolean trustNew) {
        this.known = known;
        this.trustNew = trustNew;
    }

    @Override
    public void check(String host, int port, X509Certificate certificate) throws CertificateException {
        String fingerprint = Fingerprints.sha256(certificate);
        Optional<String> pinned;
        try {
            pinned = known.fingerprint(host, port);
        } catch (IOException e) {
            throw new CertificateException("cannot read the pinned certificates in " + known.location() + ": " + e.getMessage());
        }
        if (pinned.isPresent() && !pinned.get().equals(fingerprint)) {
            refusedChanged = new String[] { pinned.get(), fingerprint };
            throw new CertificateException("The certificate of the agent at " + host + ":" + port + " has CHANGED.\n"
                    + "Pinned:    " + pinned.get() + "\nPresented: " + fingerprint + "\n"
                    + "Someone may be intercepting the connection (man-in-the-middle), or the agent was reinstalled"
                    + " with a new key. If you know it was reinstalled, remove the pin for " + host + ":" + port
                    + " from " + known.location() + " and connect again.");
        }
        if (pinned.isEmpty() && !trustNew) {
            refusedUnknown = fingerprint;
            throw new CertificateException("The agent at " + host + ":" + port + " is not known yet. Its certificate"
                    + " fingerprint is " + fingerprint + ". Compare it with the one the agent printed when it"
                    + " started, then trust it on first use (outpost-cli --trust-new).");
        }
        presented = fingerprint;
        firstContact = pinned.isEmpty();
    }

    /** The fingerprint the agent presented, once the handshake passed the check. */
    Optional<String> presented() {
        return Optional.ofNullable(presented);
    }

    /** The fingerprint of an agent refused only because it is not known yet. */
    /** The pinned and the presented fingerprint, when the check refused a changed certificate. */
    Optional<String[]> refusedChanged() {
        return Optional.ofNullable(refusedChanged);
    }

    Optional<String> refusedUnknown() {
        return Optional.ofNullable(refusedUnknown);
    }

    /** Pins the agent's fingerprint if this was the first contact. */
    void rememberIfNew(String host, int port) throws IOException {
        if (firstContact && presented != null) {
            known.remember(host, port, presented);
            firstContact = false;
        }
    }
}
