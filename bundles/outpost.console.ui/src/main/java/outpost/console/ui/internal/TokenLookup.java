package outpost.console.ui.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;

import outpost.servers.Server;

/**
 * The token for a connect: read in the background (secure storage or the tokens file: I/O, perhaps
 * a password prompt); when none is stored, asked from the user if they asked to connect. A typed
 * token is kept only once the agent accepted it ({@link #keep}), so a made-up one never is.
 */
final class TokenLookup {

    /** A token, and whether it came from the store (else the user just typed it). */
    record Token(String value, boolean stored) {
    }

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
     * @param found       takes the token on the UI thread; not called when there is none
     */
    BackgroundWork.Task find(boolean manual, Consumer<Token> found) {
        return steps.inBackground("Looking up the token of " + server.name(), 0, !manual, () -> {
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
            steps.inUi(() -> stored.ifPresentOrElse(value -> found.accept(new Token(value, true)),
                    () -> missing(manual, found)));
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

    /** The agent accepted a typed token: it is stored now (this may ask for the master password). */
    void keep(String token) {
        steps.inBackground("Keeping the token of " + server.name(), 0, false, () -> {
            try {
                credentials.get().rememberToken(server, token);
            } catch (IOException | RuntimeException e) {
                log().warn("Cannot keep the token of " + server.endpoint(), e);
                steps.inUi(() -> listener.error("The token is used but not kept: " + e.getMessage()));
            }
        });
    }

    private void missing(boolean manual, Consumer<Token> found) {
        if (!manual) {
            listener.error("Not reconnecting: no token for " + server.endpoint() + ".");
            return;
        }
        Optional<String> typed = listener.askToken();
        if (typed.isEmpty()) {
            listener.error("Not connected: no token for " + server.endpoint() + ".");
            return;
        }
        found.accept(new Token(typed.get(), false));
    }

    private static ILog log() {
        return ILog.of(TokenLookup.class);
    }
}
