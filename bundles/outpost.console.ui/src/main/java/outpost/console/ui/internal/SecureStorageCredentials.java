package outpost.console.ui.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.StorageException;

import outpost.client.PinStore;
import outpost.servers.Server;

/**
 * Tokens and pins in Eclipse secure storage, one node per agent address under
 * {@value #ROOT}: the token encrypted (the storage asks for its master password), the pinned
 * fingerprint in clear (it is public, and the Server Explorer reads it without a password).
 */
final class SecureStorageCredentials implements CredentialStore, PinStore {

    static final String ROOT = "outpost/agents";
    static final String TOKEN = "token";
    static final String FINGERPRINT = "fingerprint";

    private final ISecurePreferences storage;

    SecureStorageCredentials(ISecurePreferences storage) {
        this.storage = storage;
    }

    @Override
    public Optional<String> token(Server server) throws IOException {
        return get(ConsoleCredentials.key(server), TOKEN);
    }

    @Override
    public void rememberToken(Server server, String token) throws IOException {
        put(ConsoleCredentials.key(server), TOKEN, token, true);
    }

    @Override
    public void forgetToken(Server server) throws IOException {
        ISecurePreferences node = node(ConsoleCredentials.key(server));
        node.remove(TOKEN);
        flush();
    }

    @Override
    public PinStore pins() {
        return this;
    }

    @Override
    public List<StoredCredential> stored() throws IOException {
        List<StoredCredential> all = new ArrayList<>();
        if (!storage.nodeExists(ROOT)) {
            return all;
        }
        ISecurePreferences root = storage.node(ROOT);
        for (String child : root.childrenNames()) {
            ISecurePreferences node = root.node(child);
            // the key alone says a token is there: nothing is decrypted, no master password asked
            boolean token = Arrays.asList(node.keys()).contains(TOKEN);
            String pin;
            try {
                pin = node.get(FINGERPRINT, null);
            } catch (StorageException e) {
                throw new IOException("Cannot read the pin of " + child + " from secure storage: " + e.getMessage(), e);
            }
            if (token || pin != null) {
                try {
                    all.add(StoredCredential.of(EncodingUtils.decodeSlashes(child),
                            token ? StoredCredential.TokenKept.STORED : StoredCredential.TokenKept.NONE, pin));
                } catch (IllegalArgumentException e) {
                    // not a node this console wrote: left alone
                }
            }
        }
        all.sort(StoredCredential.BY_ADDRESS);
        return all;
    }

    @Override
    public void forgetPin(String host, int port) throws IOException {
        node(ConsoleCredentials.key(host, port)).remove(FINGERPRINT);
        flush();
    }

    @Override
    public String tokenLocation() {
        return "Eclipse secure storage (" + ROOT + ")";
    }

    @Override
    public Optional<String> fingerprint(String host, int port) throws IOException {
        return get(ConsoleCredentials.key(host, port), FINGERPRINT);
    }

    @Override
    public void remember(String host, int port, String fingerprint) throws IOException {
        put(ConsoleCredentials.key(host, port), FINGERPRINT, fingerprint, false);
    }

    @Override
    public String location() {
        return "Eclipse secure storage (node " + ROOT + ")";
    }

    private Optional<String> get(String agent, String key) throws IOException {
        try {
            String value = node(agent).get(key, null);
            return Optional.ofNullable(value).filter(v -> !v.isBlank());
        } catch (StorageException e) {
            throw new IOException("Cannot read " + key + " of " + agent + " from secure storage: " + e.getMessage(), e);
        }
    }

    private void put(String agent, String key, String value, boolean encrypt) throws IOException {
        try {
            node(agent).put(key, value, encrypt);
        } catch (StorageException e) {
            throw new IOException("Cannot keep " + key + " of " + agent + " in secure storage: " + e.getMessage(), e);
        }
        flush();
    }

    private void flush() throws IOException {
        storage.flush();
    }

    private ISecurePreferences node(String agent) {
        return storage.node(ROOT).node(EncodingUtils.encodeSlashes(agent));
    }
}
