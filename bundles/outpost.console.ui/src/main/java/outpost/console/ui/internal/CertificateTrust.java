package outpost.console.ui.internal;

import java.io.IOException;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;

import outpost.client.CertificateChangedException;
import outpost.servers.Server;

/**
 * Trust in an agent's certificate, decided by the user only: on first contact they compare the
 * fingerprint; a changed certificate is refused unless they asked to connect and then replace the
 * pin after a warning (the way out after a known reinstall). A trusted fingerprint is pinned in the
 * background before connecting again.
 */
final class CertificateTrust {

    private final Server server;
    private final Supplier<CredentialStore> credentials;
    private final ConnectionSteps steps;
    private final ConnectionListener listener;

    CertificateTrust(Server server, Supplier<CredentialStore> credentials, ConnectionSteps steps, ConnectionListener listener) {
        this.server = server;
        this.credentials = credentials;
        this.steps = steps;
        this.listener = listener;
    }

    /**
     * First contact. UI thread.
     *
     * @param refused run when the user does not trust it: the console stays disconnected
     * @param pinned  run on the UI thread once the trusted fingerprint is pinned
     */
    void firstContact(String fingerprint, Runnable refused, Runnable pinned) {
        listener.askTrust(fingerprint, trusted -> {
            if (steps.isClosed()) {
                return;
            }
            if (trusted) {
                pin(fingerprint, pinned);
            } else {
                refused.run();
                listener.error("Not connected: you did not trust the certificate of " + server.endpoint() + " ("
                        + fingerprint + ").");
            }
        });
    }

    /**
     * The agent presented another certificate than the pinned one; never asked about on a
     * reconnect, only when the user asked to connect. UI thread.
     */
    void changed(CertificateChangedException changed, boolean manual, Runnable refused, Runnable pinned) {
        listener.error(changed.getMessage());
        if (!manual) {
            listener.error("Not reconnecting.");
            return;
        }
        listener.askChangedCertificate(changed, trustNew -> {
            if (steps.isClosed()) {
                return;
            }
            if (trustNew) {
                listener.info("Replacing the pinned certificate " + changed.pinned() + " at your word.");
                pin(changed.presented(), pinned);
            } else {
                refused.run();
                listener.error("Not connected: the changed certificate of " + server.endpoint() + " stays refused.");
            }
        });
    }

    private void pin(String fingerprint, Runnable pinned) {
        steps.inBackground("Pinning the certificate of " + server.name(), 0, false, () -> {
            try {
                credentials.get().pins().remember(server.host(), server.port(), fingerprint);
                steps.inUi(() -> {
                    listener.info("Trusted and pinned " + fingerprint + ".");
                    pinned.run();
                });
            } catch (IOException | RuntimeException e) {
                ILog.of(CertificateTrust.class).error("Cannot pin the certificate of " + server.endpoint(), e);
                steps.inUi(() -> listener.error("Cannot pin the certificate: " + e.getMessage()));
            }
        });
    }
}
