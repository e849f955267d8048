package outpost.console.ui.internal;

import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.runtime.ILog;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;

import outpost.servers.Server;

/**
 * Picks where the console keeps agent tokens and pinned certificates: Eclipse secure storage,
 * unless the {@code outpost.tokens} or {@code outpost.knownAgents} system properties name files
 * (tests, scripted runs), which then override it. Tokens are never written to the server list.
 */
final class ConsoleCredentials {

    static final String TOKENS_PROPERTY = "outpost.tokens";
    static final String KNOWN_AGENTS_PROPERTY = "outpost.knownAgents";

    private static volatile CredentialStore store;

    private ConsoleCredentials() {
    }

    /** The store of this run. The first call may open secure storage: not on the UI thread. */
    static CredentialStore store() {
        CredentialStore chosen = store;
        if (chosen == null) {
            synchronized (ConsoleCredentials.class) {
                chosen = store;
                if (chosen == null) {
                    chosen = choose();
                    store = chosen;
                }
            }
        }
        return chosen;
    }

    private static CredentialStore choose() {
        Path tokens = pathProperty(TOKENS_PROPERTY);
        Path known = pathProperty(KNOWN_AGENTS_PROPERTY);
        if (tokens != null || known != null) {
            return new FileCredentials(tokens, known != null ? known
                    : Path.of(System.getProperty("user.home"), ".outpost", "known_agents"));
        }
        ISecurePreferences secure = SecurePreferencesFactory.getDefault();
        if (secure == null) { // the storage file cannot be opened: fall back to the files of earlier versions
            ILog.of(ConsoleCredentials.class).warn("Eclipse secure storage is not available; using ~/.outpost files");
            Path home = Path.of(System.getProperty("user.home"), ".outpost");
            return new FileCredentials(home.resolve("tokens.properties"), home.resolve("known_agents"));
        }
        return new SecureStorageCredentials(secure);
    }

    private static Path pathProperty(String property) {
        String configured = System.getProperty(property);
        return configured != null && !configured.isBlank() ? Path.of(configured) : null;
    }

    static String key(Server server) {
        return key(server.host(), server.port());
    }

    static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
