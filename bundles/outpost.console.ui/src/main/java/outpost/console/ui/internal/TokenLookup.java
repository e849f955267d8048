package outpost.console.ui.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;

import outpost.servers.Server;

/**
 * The token for a connect: read in the background (secure storage or the tokens file: I/O, perhaps
 * a password prompt); when none is stored, asked from the user if they asked to connect, and kept.
 */
final class TokenLookup {

    private final Server server;
    private final Supplier<CredentialStore> credentials;
    private final ConnectionSteps steps;
    private final ConnectionListener listener;

    TokenLookup(Server server, Supplier<CredentialStore> credentials, ConnectionSteps steps, ConnectionListener listener) {
        this.server = server;
        this.credentials = credentials;
        this.steps = steps;
        this.listener = listener;
    }

    /**
     * @param manual      whether the user asked: only then is a missing token asked for
     * @param delayMillis how long to wait first (reconnect backoff)
     * @param found       takes the token on the UI thread; not called when there is none
     */
    BackgroundWork.Task find(boolean manual, long delayMillis, Consumer<String> found) {
        return steps.inBackground("Looking up the token of " + server.name(), delayMillis, !manual, () -> {
            if (steps.isClosed()) {
                return;
            }
            Optional<String> token;
            try {
                token = credentials.get().token(server);
            } catch (IOException | RuntimeException e) {
                log().warn("Cannot read the token of " + server.endpoint(), e);
                steps.inUi(() -> listener.error("Cannot read the token of " + server.endpoint() + ": " + e.getMessage()));
                token = Optional.empty();
            }
            Optional<String> stored = token;
            steps.inUi(() -> stored.ifPresentOrElse(found, () -> missing(manual, found)));
        });
    }

    /** The agent refused the token: it is not offered again. In the background. */
    void forget() {
        try {
            credentials.get().forgetToken(server);
        } catch (IOException | RuntimeException e) {
            log().warn("Cannot forget the token of " + server.endpoint(), e);
        }
    }

    private void missing(boolean manual, Consumer<String> found) {
        if (!manual) {
            listener.error("Not reconnecting: no token for " + server.endpoint() + ".");
            return;
        }
        Optional<String> typed = listener.askToken();
        if (typed.isEmpty()) {
            listener.error("Not connected: no token for " + server.endpoint() + ".");
            return;
        }
        String token = typed.get();
        steps.inBackground("Keeping the token of " + server.name(), 0, false, () -> {
            try {
                credentials.get().rememberToken(server, token);
            } catch (IOException | RuntimeException e) {
                log().warn("Cannot keep the token of " + server.endpoint(), e);
                steps.inUi(() -> listener.error("The token is used but not kept: " + e.getMessage()));
            }
            steps.inUi(() -> found.accept(token));
        });
    }

    private static ILog log() {
        return ILog.of(TokenLookup.class);
    }
}
